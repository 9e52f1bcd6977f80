// Electron entry: only the thin shell imports electron.
import './shell/main';
