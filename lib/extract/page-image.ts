// How page images are handed on inside extraction: PNG, lossless, lightly compressed — each is read back
// at once, and zlib's default effort on a noisy scan cost more than the rest of decoding.
export const PAGE_PNG = { compressionLevel: 1, adaptiveFiltering: false } as const;
