/**
 * Prometheus metrics for `GET /metrics`.
 * @module
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { SyncMetrics, SyncServer } from '@cyd/sync'
import type { Backend } from './backend.js'

export interface ServerMetrics {
	registry: Registry
	sync: SyncMetrics
	/** Points the gauges at the sync server once it exists. */
	observe(server: SyncServer): void
}

export function createMetrics(backend: Backend): ServerMetrics {
	const registry = new Registry()
	collectDefaultMetrics({ register: registry })
	new Gauge({
		name: 'cyd_backend_up',
		help: '1 when a backend answers, 0 when it does not; labelled by backend and role',
		labelNames: ['backend', 'role'],
		registers: [registry],
		async collect() {
			const checks = await backend.check()
			for (const [name, up] of Object.entries(checks)) {
				this.set({ backend: name, role: name === 'redis' ? 'fan-out' : 'storage' }, up ? 1 : 0)
			}
		},
	})
	let server: SyncServer | null = null
	new Gauge({
		name: 'cyd_documents_loaded',
		help: 'Documents held in memory',
		registers: [registry],
		collect() {
			this.set(server?.stats().documents ?? 0)
		},
	})
	new Gauge({
		name: 'cyd_connections',
		help: 'Open sync connections',
		registers: [registry],
		collect() {
			this.set(server?.stats().connections ?? 0)
		},
	})
	new Gauge({
		name: 'cyd_persisting',
		help: '1 while updates are being written, 0 while writes fail and are retried',
		registers: [registry],
		collect() {
			this.set(server?.saving === false ? 0 : 1)
		},
	})
	const messagesIn = new Counter({ name: 'cyd_messages_received_total', help: 'Frames received', registers: [registry] })
	const bytesIn = new Counter({ name: 'cyd_bytes_received_total', help: 'Bytes received', registers: [registry] })
	const messagesOut = new Counter({ name: 'cyd_messages_sent_total', help: 'Frames sent', registers: [registry] })
	const bytesOut = new Counter({ name: 'cyd_bytes_sent_total', help: 'Bytes sent', registers: [registry] })
	const closed = new Counter({
		name: 'cyd_connections_closed_total',
		help: 'Connections closed, by close code',
		labelNames: ['code'],
		registers: [registry],
	})
	const persist = new Histogram({
		name: 'cyd_persist_seconds',
		help: 'Time to write one group commit of updates',
		buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers: [registry],
	})
	const persisted = new Counter({ name: 'cyd_updates_persisted_total', help: 'Updates written to the log', registers: [registry] })
	return {
		registry,
		observe(s) {
			server = s
		},
		sync: {
			messageReceived(bytes) {
				messagesIn.inc()
				bytesIn.inc(bytes)
			},
			messageSent(bytes) {
				messagesOut.inc()
				bytesOut.inc(bytes)
			},
			persisted(seconds, updates) {
				persist.observe(seconds)
				persisted.inc(updates)
			},
			connectionClosed(code) {
				closed.inc({ code: String(code) })
			},
		},
	}
}
