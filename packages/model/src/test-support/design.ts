/** A ServiceDesign for tests, with every kind of item a board is rebuilt with (see board/rebuild.ts). */
import type { ServiceDesign } from '../design.js'

const ann = { id: 'p1', name: 'Ann' }
const bob = { id: 'p2', name: 'Bob' }

/** A design with every kind of item that is rebuilt, in the order extraction gives them. */
export function sampleDesign(): ServiceDesign {
	return {
		format: 'cyd-service-design',
		version: 1,
		title: 'Repairs, session 1',
		generatedAt: '',
		versionName: null,
		journeys: [
			{
				id: 'shape:bp1',
				title: 'Reporting a repair',
				stages: [
					{ id: 's1', name: 'Report' },
					{ id: 's2', name: 'Wait' },
					{ id: 's3', name: 'Fixed' },
				],
				lanes: [
					{ id: 'l1', name: 'Resident', kind: 'actions' },
					{ id: 'l2', name: 'Council', kind: 'frontstage' },
				],
				cards: [
					{ id: 'shape:c1', stage: 's1', lane: 'l1', kind: 'action', text: 'Phones the council', channel: 'phone', actor: 'shape:st1', author: ann, createdAt: '2026-11-01T10:00:00.000Z' },
					{ id: 'shape:c2', stage: 's1', lane: 'l1', kind: 'pain', text: 'On hold for forty minutes, and nobody says how long the wait will be', channel: 'phone', actor: null, author: bob, createdAt: '2026-11-01T10:01:00.000Z' },
					{ id: 'shape:c3', stage: 's2', lane: 'l2', kind: 'question', text: 'Who decides what is urgent?', channel: 'other', actor: 'shape:st2', author: ann, createdAt: '2026-11-01T10:02:00.000Z' },
					{ id: 'shape:c4', stage: 's3', lane: 'l2', kind: 'idea', text: 'Text when the repairer is on the way', channel: 'app', actor: null, author: bob, createdAt: '2026-11-01T10:03:00.000Z' },
				],
				personas: [
					{ id: 'shape:pe1', name: 'Mair', story: 'Lives alone', needs: 'To know when', color: 'green', emotions: [{ stage: 's1', value: 2 }, { stage: 's3', value: 5 }], author: ann },
					{ id: 'shape:pe2', name: 'Dafydd', story: '', needs: '', color: 'violet', emotions: [], author: bob },
				],
			},
			{
				id: 'shape:bp2',
				title: 'Second journey',
				stages: [{ id: 't1', name: 'Only' }],
				lanes: [{ id: 'm1', name: 'Only', kind: 'other' }],
				cards: [{ id: 'shape:d1', stage: 't1', lane: 'm1', kind: 'evidence', text: 'Survey, 2025', channel: 'web', actor: null, author: ann, createdAt: '2026-11-01T11:00:00.000Z' }],
				personas: [],
			},
		],
		stakeholders: [
			{ id: 'shape:st2', name: 'Housing officer', kind: 'public', influence: 0.8, interest: 0.3, notes: 'Decides urgency', author: bob, actsIn: [{ journey: 'shape:bp1', card: 'shape:c3' }] },
			{ id: 'shape:st1', name: 'Tenant', kind: 'resident', influence: 0.25, interest: 0.9, notes: '', author: ann, actsIn: [{ journey: 'shape:bp1', card: 'shape:c1' }] },
		],
		assets: [{ id: 'shape:as1', name: 'Community hall', kind: 'place', description: 'Open on Tuesdays', holder: 'Chapel', connects: ['shape:st1'], author: ann }],
		relationships: [
			{ id: 'shape:r1', from: 'shape:st1', to: 'shape:st2', flow: 'information', direction: 'one-way', label: 'reports' },
			{ id: 'shape:r2', from: 'shape:as1', to: 'shape:st1', flow: 'trust', direction: 'both', label: '' },
		],
		contributions: [
			{ id: 'shape:n1', kind: 'note', text: 'Ask the tenants association', author: ann, seat: null, createdAt: null, place: null, picture: null, image: null },
			{ id: 'shape:t1', kind: 'text', text: 'Open question: weekends?', author: bob, seat: null, createdAt: null, place: null, picture: null, image: null },
		],
		votes: [],
		decisions: [],
		outcomes: [],
		actions: [],
		contributors: [],
	}
}

