import json,os,re,sys
stories={json.loads(l)['id']:json.loads(l) for l in open('/work/shared/data/neus-dev/allsides_stories.jsonl')}
def slug(s): return re.sub(r'[^a-z0-9]+','-',s.lower()).strip('-')[:40].strip('-')
def mk(corpus,sid):
    s=stories[sid]; date=s['date'][:10]
    ev=f'{corpus}/{date}-{slug(s["issue"])}'; os.makedirs(ev,exist_ok=True)
    open(ev+'/event.toml','w').write(f'title = {json.dumps(s["issue"])}\ndate = "{date}"\ntags = ["neus", "{sid}"]\n')
    for side,a in s['news'].items():
        if not a: continue
        name=re.sub(r'\s*\(.*\)$','',a['newsSource'])
        body='\n\n'.join(a['newBody'])
        open(f'{ev}/{slug(name)}.md','w').write(f'---\noutlet: {json.dumps(name)}\ntitle: {json.dumps(a["newsTitle"])}\ndate: {date}\nurl: {a["newsLink"]}\n---\n\n{body}\n')
    return ev
for c,sid in zip(sys.argv[1::2],sys.argv[2::2]): print(mk(c,int(sid)))
