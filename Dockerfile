# Zhenggai in a container (see docs/deployment.md and compose.yaml). Build: docker build -t zhenggai .
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# CJK fonts for PDF documents, pg_dump/pg_restore for `zhenggai backup`, tini as PID 1 (signals, zombies).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk postgresql-client tini \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown node:node /data
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ZHENGGAI_DEMO=false \
    ZHENGGAI_FILES_DIR=/data/files \
    ZHENGGAI_AUDIT_CHECKPOINTS=/data/audit-checkpoints.log
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/demo ./demo
COPY --from=build /app/deploy ./deploy
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD node -e "fetch('http://127.0.0.1:3000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/main.js"]
