import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<div>工会经费账簿</div>);
