export const STATUS_OF = {
    invalid: 400,
    'not-signed-in': 401,
    forbidden: 403,
    'not-found': 404,
    conflict: 409,
    'too-large': 413,
    'not-configured': 501,
};
//# sourceMappingURL=errors.js.map