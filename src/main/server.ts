// Browser-mode entry (plain Node): serves the renderer and the core on 127.0.0.1.
console.log('browser mode: TODO');
