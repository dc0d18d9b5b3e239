# The pipeline's worker, built only from files in this repository.
# Debian-based Node image: the Temporal core bridge is a native module built for glibc.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json worker.ts ./
COPY workflows ./workflows
COPY activities ./activities
COPY client ./client
COPY src ./src
COPY temporal ./temporal
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    MLOPS_HOME=/app \
    MLOPS_HEALTH_FILE=/tmp/worker-health
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data/matchmaking_dataset.csv ./data/matchmaking_dataset.csv
RUN mkdir -p /app/models /app/work /app/reports /app/predictions /app/outcomes /app/data/snapshots && chown -R node:node /app
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["node", "dist/scripts/worker-health.js"]
CMD ["node", "dist/worker.js"]
