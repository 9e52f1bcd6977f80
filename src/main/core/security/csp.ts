// The Content-Security-Policy both hosts send with the renderer (the Electron app:// protocol and
// the browser-mode server). index.html carries the same policy in a meta tag, minus
// frame-ancestors, which browsers honour only as a header.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // antd's CSS-in-JS injects <style> elements
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // Printing in the desktop app loads the generated PDF (a blob: URL) into a hidden frame.
  "frame-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
