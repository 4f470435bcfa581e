// A handwritten name's first character is its surname, and surnames are few: about a hundred cover most of
// the population. Where the recogniser doubts that character, its alternatives are weighed by how common
// each is as a surname (the ranking of the Ministry of Public Security's household-register statistics).
// The value stays flagged for review: this picks the likelier reading, it does not make it certain.
/** The commonest surnames, most common first. */
const RANKED = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文';
/** Share of the population with a surname: roughly 7 % for 王, falling to about 0.2 % by the hundredth. */
function share(ch) {
    const rank = RANKED.indexOf(ch);
    return rank < 0 ? 0.0002 : 0.07 * Math.pow(rank + 1, -0.75);
}
/** Below this, the recogniser's reading of a surname is weighed against its alternatives. */
const DOUBT = 0.9;
/**
 * The reading of a name whose surname is likeliest: `read` as recognised, `first` the recogniser's
 * alternatives for its first character (the character read first among them, with its probability).
 */
export function likeliestSurname(read, first) {
    const chars = [...read];
    if (!first?.length || chars.length < 2 || !/[\u4e00-\u9fff]/.test(chars[0]))
        return read;
    const own = first.find(([c]) => c === chars[0]);
    // A common surname read with confidence stands; anything else is weighed (a rare surname read surely
    // still wins: its probability outweighs the others' commonness).
    if (!own || (own[1] >= DOUBT && RANKED.includes(own[0])))
        return read;
    const best = first.filter(([c]) => /[\u4e00-\u9fff]/.test(c)).reduce((a, b) => (b[1] * share(b[0]) > a[1] * share(a[0]) ? b : a), own);
    return best[0] + chars.slice(1).join('');
}
/**
 * Whether a name read with some doubt (its first character below `sure`) starts with an uncommon surname:
 * then the reading itself is doubtful, and the name goes to a reviewer.
 */
export function uncommonSurname(read, first, sure = 0.99) {
    const ch = [...read][0];
    if (!ch || !first?.length || !/[\u4e00-\u9fff]/.test(ch) || RANKED.includes(ch))
        return false;
    const own = first.find(([c]) => c === ch);
    return own !== undefined && own[1] < sure;
}
//# sourceMappingURL=surnames.js.map