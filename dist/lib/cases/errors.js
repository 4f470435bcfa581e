export class Refusal extends Error {
    kind;
    detail;
    constructor(kind, message, 
    /** What else the answer carries (a verification's hash, an upload's list of problems). */
    detail = {}) {
        super(message);
        this.kind = kind;
        this.detail = detail;
        this.name = 'Refusal';
    }
}
export const refuse = (kind, message, detail) => {
    throw new Refusal(kind, message, detail);
};
//# sourceMappingURL=errors.js.map