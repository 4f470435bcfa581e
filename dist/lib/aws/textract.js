// Textract as the layout engine on AWS (ARCHITECTURE: table geometry, check boxes and signatures; the
// Chinese text stays with PaddleOCR). One AnalyzeDocument call per page image.
import { AnalyzeDocumentCommand, TextractClient } from '@aws-sdk/client-textract';
import { layoutFromTextract } from "../extract/layout/textract-blocks.js";
/** AnalyzeDocument's synchronous limit for a document's bytes. */
const MAX_BYTES = 10 * 1024 * 1024;
export class TextractLayout {
    client;
    name = 'textract-analyze-document';
    constructor(client = new TextractClient({})) {
        this.client = client;
    }
    async analyse(image, width, height) {
        if (image.byteLength > MAX_BYTES)
            throw new Error(`page image of ${image.byteLength} bytes is above Textract's ${MAX_BYTES}-byte limit`);
        const res = await this.client.send(new AnalyzeDocumentCommand({ Document: { Bytes: image }, FeatureTypes: ['TABLES', 'FORMS', 'SIGNATURES'] }));
        return layoutFromTextract(res.Blocks ?? [], width, height);
    }
}
//# sourceMappingURL=textract.js.map