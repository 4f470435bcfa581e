// The console API Lambda (API Gateway HTTP API, payload 2.0) → lib/http/api.ts.
import { z } from 'zod';
import { principalFromClaims } from "../lib/cases/access.js";
import { handleApi } from "../lib/http/api.js";
import { awsApi } from "../lib/wiring/aws.js";
const HttpEvent = z.object({
    rawPath: z.string(),
    body: z.string().optional(),
    isBase64Encoded: z.boolean().optional(),
    queryStringParameters: z.record(z.string(), z.string().optional()).optional(),
    requestContext: z.object({
        http: z.object({ method: z.string() }),
        // The Cognito JWT authorizer's verified claims.
        authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }).optional(),
    }),
});
let deps;
export async function handler(raw) {
    const parsed = HttpEvent.safeParse(raw);
    if (!parsed.success)
        return { statusCode: 400, body: JSON.stringify({ error: 'not an HTTP API event' }) };
    const e = parsed.data;
    const r = await handleApi({
        method: e.requestContext.http.method,
        path: e.rawPath,
        query: e.queryStringParameters ?? {},
        // POST /api/verify carries the PDF; API Gateway hands binary bodies over base64-encoded.
        ...(e.body !== undefined ? { body: new Uint8Array(Buffer.from(e.body, e.isBase64Encoded ? 'base64' : 'utf8')) } : {}),
    }, (deps ??= awsApi()), principalFromClaims(e.requestContext.authorizer?.jwt.claims));
    return {
        statusCode: r.status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...r.headers },
        // Files (the ledger) go back base64-encoded, as API Gateway expects binary bodies.
        ...(r.raw ? { body: Buffer.from(r.raw).toString('base64'), isBase64Encoded: true } : { body: r.body === undefined ? '' : JSON.stringify(r.body) }),
    };
}
//# sourceMappingURL=api.js.map