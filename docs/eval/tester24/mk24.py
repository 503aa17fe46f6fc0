#!/usr/bin/env python3
"""tester24: build /tmp/tester24/big from ../shared/data: NeuS dev stories 5900-6100 (even ids,
not used by testers 20-22) with the AllSides roundup as a 4th outlet, 5 BASIL dev triplets
not used before, 4 ECB+ dev sub-topics not used before (1ecbplus, 18ecbplus, 24ecbplus, 12ecb)."""
import json, os, re, glob, shutil
D = '/work/shared/data'
OUT = '/tmp/tester24/big'
shutil.rmtree(OUT, ignore_errors=True); os.makedirs(OUT)
def slug(s): return re.sub(r'[^a-z0-9]+', '-', s.lower()).strip('-')[:40].strip('-')
def fm(outlet, title, date, url):
    s = f'---\noutlet: {json.dumps(outlet)}\ntitle: {json.dumps(title)}\n'
    if date: s += f'date: {date}\n'
    if url: s += f'url: {json.dumps(url)}\n'
    return s + '---\n\n'
outlets = {}
USED = {5700, 5608, 5812, 5634, 5666, 5638, 5646, 5648, 5676}
LEAN = {'left': 'left', 'center': 'center', 'right': 'right'}
n = 0
for l in open(f'{D}/neus-dev/allsides_stories.jsonl'):
    s = json.loads(l)
    if not (5900 <= s['id'] <= 6100) or s['id'] in USED: continue
    arts = {k: a for k, a in s['news'].items() if a}
    if len(arts) < 2: continue
    date = s['date'][:10]
    ev = f'{OUT}/{date}-{slug(s["issue"])}'
    if os.path.exists(ev): ev += f'-{s["id"]}'
    os.makedirs(ev); n += 1
    open(ev + '/event.toml', 'w').write(f'title = {json.dumps(s["issue"])}\ndate = "{date}"\ntags = ["neus", "{s["id"]}", {json.dumps(s["topic"])}]\n')
    for side, a in arts.items():
        name = re.sub(r'\s*\(.*\)$', '', a['newsSource']).strip()
        outlets.setdefault(slug(name), (name, LEAN[side]))
        open(f'{ev}/{slug(name)}.md', 'w').write(fm(name, a['newsTitle'], date, a['newsLink']) + '\n\n'.join(a['newBody']) + '\n')
    open(f'{ev}/allsides-roundup.md', 'w').write(fm('AllSides Roundup', s['issue'], date, None) + '\n\n'.join(s['roundup']) + '\n')
outlets['allsides-roundup'] = ('AllSides Roundup', 'center')
print('neus events', n)
BN = {'fox': ('Fox News', 'right'), 'nyt': ('The New York Times', 'left-center'), 'hpo': ('HuffPost', 'left')}
USEDB = ('85475456', '1bb79cc1', 'c21cb217', 'f506aafc', '38f7cbb7')
trips = sorted({os.path.basename(f)[:8] for f in glob.glob(f'{D}/basil-dev/articles/*/*_1.json')} - set(USEDB))
import random; random.seed(24)
for trip in random.sample(trips, 5):
    ev = None
    for f in sorted(glob.glob(f'{D}/basil-dev/articles/*/{trip}*_[123].json')):
        d = json.load(open(f)); src = d['source'].lower()
        if ev is None:
            ev = f'{OUT}/{d["date"]}-basil-{slug(d["main-event"])[:30].strip("-")}'; os.makedirs(ev)
            open(ev + '/event.toml', 'w').write(f'title = {json.dumps(d["main-event"])}\ntags = ["basil", "{trip}"]\n')
        nm, lean = BN[src]; outlets[slug(nm)] = (nm, lean)
        body = '\n\n'.join(' '.join(p) for p in d['body-paragraphs'])
        open(f'{ev}/{src}.md', 'w').write(fm(nm, d['title'].strip(), d['date'], d['url']) + body + '\n')
    print('basil', trip, ev)
def detok(toks):
    s = ' '.join(toks)
    s = re.sub(r' ([.,;:!?%)\]])', r'\1', s); s = re.sub(r'([(\[$]) ', r'\1', s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r'\1', s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    s = s.replace('`` ', '"').replace(" ''", '"')
    s = re.sub(r' - ', '-', s)
    s = re.sub(r'(\d), (\d{3})\b', r'\1,\2', s); s = re.sub(r'(\d): (\d\d)\b', r'\1:\2', s)
    s = re.sub(r'\b([ap])\. m\.', r'\1.m.', s); s = re.sub(r'\b([A-Z])\. ([A-Z])\.', r'\1.\2.', s)
    s = re.sub(r'\b(\w+)\. (com|gov|org)\b', r'\1.\2', s)
    return s
for sub, ev_id, title in (('1ecbplus', '2013-05-03-lohan-leaves-betty-ford', 'Lindsay Lohan leaves Betty Ford for Malibu rehab'),
                          ('18ecbplus', '2011-01-01-michigan-office-shooting', 'Michigan office shooting kills one'),
                          ('24ecbplus', '2013-01-01-paris-jewelry-heist', 'Paris jewellery heist'),
                          ('12ecb', '2008-12-01-somali-pirates-indian-navy', 'ECB 12: Indian navy and Somali pirates')):
    docs = {}
    for line in open(f'{D}/ecbplus-dev/{sub}.conll', encoding='utf-8'):
        if line.startswith('#') or not line.strip(): continue
        p = line.rstrip('\n').split('\t')
        docs.setdefault(p[0], {}).setdefault(int(p[1]), []).append(p[3])
    ev = f'{OUT}/{ev_id}'; os.makedirs(ev)
    open(ev + '/event.toml', 'w').write(f'title = {json.dumps(title)}\ntags = ["ecb+", "{sub}"]\n')
    used = set()
    for d, s in sorted(docs.items(), key=lambda x: int(x[0].split('/')[-1])):
        url = ''.join(s[0])
        if not url.startswith('http'):  # ECB (not ECB+) documents have no URL line
            outlet = 'ecb-doc-' + d.split('/')[-1]
            body = '\n\n'.join(detok(s[k]) for k in sorted(s) if k >= 1)
            open(f'{ev}/{outlet}.md', 'w').write(fm(outlet, detok(s[0]), None, None) + body + '\n')
            continue
        host = re.sub(r'^https?://', '', url).split('/')[0]
        host = re.sub(r'^(www|news|articles|edition|abcnews)\.', '', host)
        outlet = host.split('.')[0] or 'unknown'
        if outlet in used: outlet += '-' + d.split('/')[-1]
        used.add(outlet)
        body = '\n\n'.join(detok(s[k]) for k in sorted(s) if k >= 2)
        open(f'{ev}/{outlet}.md', 'w').write(fm(outlet, detok(s[1]), None, url) + body + '\n')
    print('ecb', sub, len(docs))
with open(f'{OUT}/outlets.toml', 'w') as f:
    for k, (nm, lean) in sorted(outlets.items()):
        f.write(f'[{k}]\nname = {json.dumps(nm)}\ncountry = "US"\nlean = "{lean}"\n\n')
print('built', OUT, len(os.listdir(OUT)) - 1, 'events')
