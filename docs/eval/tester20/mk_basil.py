import json,glob,os,sys
names={'nyt':('nyt','The New York Times','US','centre-left'),'fox':('fox','Fox News','US','right'),'hpo':('huffpost','HuffPost','US','left')}
def mk(corpus, pattern, slug):
    fs=sorted(glob.glob('/work/shared/data/basil-dev/articles/'+pattern))
    d0=json.load(open(fs[0]))
    ev=os.path.join(corpus, d0['date']+'-'+slug); os.makedirs(ev,exist_ok=True)
    open(os.path.join(ev,'event.toml'),'w').write('title = %s\ndate = "%s"\n'%(json.dumps(d0['main-event']),d0['date']))
    for f in fs:
        d=json.load(open(f)); oid,name,c,lean=names[d['source'].lower()]
        body='\n\n'.join(' '.join(p) for p in d['body-paragraphs'])
        fm='---\noutlet: "%s"\ntitle: %s\ndate: %s\nurl: %s\n---\n\n'%(name,json.dumps(d['title']),d['date'],d['url'])
        open(os.path.join(ev,oid+'.md'),'w').write(fm+body+'\n')
    return
if __name__=='__main__':
    mk(sys.argv[1],sys.argv[2],sys.argv[3])
