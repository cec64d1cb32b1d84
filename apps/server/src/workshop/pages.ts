/**
 * Two public pages the server writes itself, in English or Welsh (`?lang=cy`): `/verify/<code>`, which
 * says whether a receipt is genuine and what it certifies, and `/privacy`, the privacy notice (what Cyd
 * keeps, why, for how long, and who to ask).
 * @module
 */
import { Hono } from 'hono'
import { receiptLines, receiptWords, escapeHtml } from '@cyd/export'
import type { Env } from '../env.js'
import type { Recognition } from './recognition.js'

type Lang = 'en' | 'cy'
const langOf = (asked: string | undefined): Lang => (asked === 'cy' ? 'cy' : 'en')

const VERIFY = {
	en: {
		title: 'Check a receipt',
		genuine: 'Genuine: this receipt was issued by this Cyd and has not been changed.',
		fake: 'Not genuine',
		certifies: 'It certifies:',
		other: 'Cymraeg',
		enter: 'Receipt code',
		check: 'Check',
	},
	cy: {
		title: 'Gwirio derbynneb',
		genuine: "Dilys: cyhoeddwyd y dderbynneb hon gan y Cyd hwn ac nid yw wedi'i newid.",
		fake: 'Ddim yn ddilys',
		certifies: 'Mae hi’n tystio i:',
		other: 'English',
		enter: 'Cod y dderbynneb',
		check: 'Gwirio',
	},
} as const

const PRIVACY = {
	en: {
		title: 'Privacy notice',
		other: 'Cymraeg',
		sections: [
			['What Cyd keeps', 'The name you give when you join (a first name or a pseudonym is fine), whether you are a resident or from an organisation if you say so, what would help you take part if you say so, when you were present, what you made on the board and your votes. Equalities monitoring answers, if you give them, are kept apart from your name and shown only as totals, with numbers under five hidden.'],
			['Why', 'To run the workshop with you, to make sure everyone can take part on equal terms, to show the balance of voice, and so that you can receive recognition (a signed receipt of your time and time credits).'],
			['For how long', "Each room has a retention period set by its facilitator (by default the one this server's operator chose). When it ends, names, access needs, sessions and monitoring answers are erased and what you made stays without your name. The design the group made stays."],
			['Your rights', 'In a room you can download everything it keeps of you (My contribution, then My data) and erase yourself. The facilitator can do the same for you, and can erase one person on request. A participation code, if you keep one, holds no name and you can delete it at any time.'],
			['Who to ask', "Ask the facilitator who invited you, or the organisation that runs this Cyd. They are the data controller for the workshop."],
		],
	},
	cy: {
		title: 'Hysbysiad preifatrwydd',
		other: 'English',
		sections: [
			['Beth mae Cyd yn ei gadw', "Yr enw a roddwch wrth ymuno (mae enw cyntaf neu ffugenw yn iawn), a ydych yn breswylydd neu o sefydliad os dywedwch, beth fyddai'n eich helpu i gymryd rhan os dywedwch, pryd roeddech yn bresennol, beth wnaethoch ar y bwrdd a'ch pleidleisiau. Cedwir atebion monitro cydraddoldeb, os rhowch nhw, ar wahân i'ch enw a'u dangos fel cyfansymiau yn unig, gyda rhifau dan bump wedi'u cuddio."],
			['Pam', "I gynnal y gweithdy gyda chi, i sicrhau bod pawb yn gallu cymryd rhan ar delerau cyfartal, i ddangos cydbwysedd y lleisiau, ac fel y gallwch gael cydnabyddiaeth (derbynneb wedi'i llofnodi o'ch amser a'ch credydau amser)."],
			['Am ba hyd', "Mae gan bob ystafell gyfnod cadw a osodir gan ei hwylusydd (yn ddiofyn yr un a ddewisodd gweithredwr y gweinydd hwn). Pan ddaw i ben, caiff enwau, anghenion mynediad, sesiynau ac atebion monitro eu dileu ac mae'r hyn a wnaethoch yn aros heb eich enw. Mae'r dyluniad a wnaeth y grŵp yn aros."],
			['Eich hawliau', "Mewn ystafell gallwch lawrlwytho popeth y mae'n ei gadw amdanoch (Fy nghyfraniad, yna Fy nata) a'ch dileu eich hun. Gall yr hwylusydd wneud yr un peth ar eich rhan, a dileu un person ar gais. Nid yw cod cyfranogi, os cadwch un, yn dal unrhyw enw a gallwch ei ddileu unrhyw bryd."],
			['Pwy i’w holi', "Holwch yr hwylusydd a'ch gwahoddodd, neu'r sefydliad sy'n rhedeg y Cyd hwn. Nhw yw'r rheolydd data ar gyfer y gweithdy."],
		],
	},
} as const

function page(lang: Lang, title: string, body: string, otherHref: string, otherLabel: string): string {
	return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Cyd</title>
<style>
body { font-family: system-ui, sans-serif; color: #0b0c0c; max-width: 44rem; margin: 0 auto; padding: 1.5rem; line-height: 1.5; }
.verdict { padding: 1rem; border-left: 6px solid; margin: 1rem 0; font-weight: 600; }
.genuine { border-color: #00703c; background: #e6f4ea; }
.fake { border-color: #d4351c; background: #fbe9e7; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; }
dt { font-weight: 600; } dd { margin: 0; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { width: 100%; font: inherit; padding: 0.4rem; box-sizing: border-box; }
button { font: inherit; margin-top: 0.5rem; padding: 0.4rem 1rem; }
a:focus, button:focus, input:focus { outline: 3px solid #fd0; outline-offset: 0; }
</style>
</head>
<body>
<p><a href="${escapeHtml(otherHref)}" lang="${lang === 'en' ? 'cy' : 'en'}">${escapeHtml(otherLabel)}</a></p>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`
}

export function pageRoutes(recognition: Recognition) {
	const verify = (lang: Lang, code: string) => {
		const w = VERIFY[lang]
		const form = `<form method="get" action="/verify"><input type="hidden" name="lang" value="${lang}"><label for="code">${escapeHtml(w.enter)}</label><input id="code" name="code" value="${escapeHtml(code)}" autocomplete="off"><button type="submit">${escapeHtml(w.check)}</button></form>`
		if (!code) return form
		const check = recognition.verify(code)
		if (!check.genuine) return `<p class="verdict fake" role="status" data-genuine="false">${escapeHtml(w.fake)}: ${escapeHtml(check.reason)}</p>${form}`
		const lines = receiptLines(check.claims, lang)
		return `<p class="verdict genuine" role="status" data-genuine="true">${escapeHtml(w.genuine)}</p>
<h2>${escapeHtml(receiptWords(lang).kind)}</h2>
<p>${escapeHtml(w.certifies)}</p>
<dl>${lines.map((l) => `<dt>${escapeHtml(l.label)}</dt><dd>${escapeHtml(l.value)}</dd>`).join('')}</dl>`
	}
	return new Hono<Env>()
		.get('/verify', (c) => {
			const lang = langOf(c.req.query('lang'))
			const code = (c.req.query('code') ?? '').slice(0, 4000)
			const other = `/verify?lang=${lang === 'en' ? 'cy' : 'en'}${code ? `&code=${encodeURIComponent(code)}` : ''}`
			return c.html(page(lang, VERIFY[lang].title, verify(lang, code), other, VERIFY[lang].other))
		})
		.get('/verify/:code', (c) => {
			const lang = langOf(c.req.query('lang'))
			const code = c.req.param('code').slice(0, 4000)
			const other = `/verify/${encodeURIComponent(code)}?lang=${lang === 'en' ? 'cy' : 'en'}`
			return c.html(page(lang, VERIFY[lang].title, verify(lang, code), other, VERIFY[lang].other))
		})
		.get('/privacy', (c) => {
			const lang = langOf(c.req.query('lang'))
			const p = PRIVACY[lang]
			const body = p.sections.map(([h, text]) => `<h2>${escapeHtml(h)}</h2><p>${escapeHtml(text)}</p>`).join('\n')
			return c.html(page(lang, p.title, body, `/privacy?lang=${lang === 'en' ? 'cy' : 'en'}`, p.other))
		})
}
