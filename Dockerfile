# syntax=docker/dockerfile:1
# Cyd's image: the server and the built web app on Node 24 (LTS), run as the unprivileged user `node`.
#
#   docker build -t cyd .
#   docker run -p 8787:8787 -v cyd-data:/data -e PUBLIC_URL=https://cyd.example.org cyd
#
# The build stage makes the production bundle with scripts/bundle.sh (pnpm build, `pnpm deploy --prod`
# for the server, the web app's built files beside it); apps/server/test/bundle.test.ts runs the same
# script and starts a server from what it makes. The runtime stage holds the bundle and nothing else.
# See docs/deploy/README.md for the settings, compose and Kubernetes.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-trixie-slim AS build
# To compile better-sqlite3 where no prebuilt addon can be fetched.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends python3 make g++ \
	&& rm -rf /var/lib/apt/lists/*
ARG PNPM_VERSION=10.34.9
RUN npm install --global pnpm@${PNPM_VERSION}
WORKDIR /src
# Dependencies from the lockfile alone first, so that a change to the code reuses this layer.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN scripts/bundle.sh /bundle

FROM node:${NODE_VERSION}-trixie-slim
ENV NODE_ENV=production \
	HOST=0.0.0.0 \
	PORT=8787 \
	DATA_DIR=/data
WORKDIR /app
COPY --from=build /bundle /app
# `cyd backup` and `cyd restore` beside the server: docker exec <container> cyd backup /data/backups/today
RUN ln -s /app/bin/cyd /usr/local/bin/cyd \
	&& mkdir -p /data \
	&& chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
# Ready: storage answers and writes succeed (503 otherwise, and while shutting down).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stores every document and exits within SHUTDOWN_DEADLINE_MS (20 s): give `docker stop` longer (-t 30).
CMD ["node", "/app/apps/server/dist/main.js"]
