/**
 * POSIX sh scripts and the waiver file are imported as text (esbuild `text` loader; a Vite
 * plugin in tests).
 */
declare module '*.sh' {
  const text: string;
  export default text;
}

declare module '*.yml' {
  const text: string;
  export default text;
}
