// Every PDF the system issues starts the same way: its metadata, and dates fixed to the day it speaks of,
// so that the same input renders the same bytes (and hash) whoever renders it.
import { PDFDocument } from 'pdf-lib';
export async function newDocument(meta) {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    if (meta.author)
        doc.setAuthor(meta.author);
    if (meta.subject)
        doc.setSubject(meta.subject);
    doc.setCreator('intake');
    doc.setProducer('intake (pdf-lib)');
    const when = new Date(`${meta.date}T00:00:00+08:00`);
    doc.setCreationDate(when);
    doc.setModificationDate(when);
    return doc;
}
//# sourceMappingURL=document.js.map