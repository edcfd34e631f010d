# syntax=docker/dockerfile:1
# DevOps Quiz image: build with dev dependencies, ship only dist/, content/ and production dependencies.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Production dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 2. Compile TypeScript with the full toolchain: src/ only, into dist/ (dev/, the playground and the local Slack
#    workspace, is for a source checkout and is neither copied nor compiled).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.prod.json ./
COPY src ./src
RUN npm run build:prod

# 3. Runtime: no compiler, no dev dependencies, no sources; files owned by root, process runs as `node`.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY content ./content
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node is PID 1 and receives SIGTERM itself (npm start would rebuild and swallow the signal).
CMD ["node", "dist/index.js"]
