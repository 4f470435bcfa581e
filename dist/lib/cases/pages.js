// The pages of a case as the console shows them, numbered as the pipeline numbered them (files in upload
// order, videos and unreadable files contributing none), so that the fields' boxes fall on their words.
import { MAX_FILE_BYTES } from "../config.js";
import { countPages, isVideo, renderPage } from "../extract/normalise.js";
export async function casePageImage(objects, c, page) {
    let offset = 0;
    for (const u of c.uploads) {
        if ((u.size ?? 0) > MAX_FILE_BYTES)
            continue;
        const { bytes } = await objects.get(u.bucket, u.key);
        if (isVideo(bytes))
            continue;
        const n = await countPages(bytes);
        if (page <= offset + n)
            return renderPage(bytes, u.key.split('/').pop() ?? u.key, page - offset);
        offset += n;
    }
    return null;
}
//# sourceMappingURL=pages.js.map