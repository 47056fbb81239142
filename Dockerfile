# syntax=docker/dockerfile:1
# Multi-stage build: dependencies and build in one stage, a slim runtime as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json nest-cli.json schema.gql ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY web ./web
# The API and the web app it serves at / (web/dist), then only what runs.
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends tini wget && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/web/dist ./web/dist
# Report files (a volume shared by API and worker in docker-compose.yml).
RUN mkdir -p /app/var/files && chown -R node:node /app/var
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
