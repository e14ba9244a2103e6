/** POSIX sh scripts are imported as text (esbuild `text` loader; a Vite plugin in tests). */
declare module '*.sh' {
  const text: string;
  export default text;
}
