// fontkit 2 ships no type declarations; the adapter in lib/render/font.ts uses only create().
declare module 'fontkit' {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
