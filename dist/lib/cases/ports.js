export const systemClock = { now: () => new Date() };
//# sourceMappingURL=ports.js.map