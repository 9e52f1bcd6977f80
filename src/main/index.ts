// Electron entry: only the thin shell (src/main/shell) imports electron; the core never does.
import './shell/main';
