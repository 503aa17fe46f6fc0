import ecb,os,re
ds=ecb.docs('/work/shared/data/ecbplus-dev/3ecbplus.conll')
ev='c2/2009-11-30-texas-inmate-escape'; os.makedirs(ev,exist_ok=True)
open(ev+'/event.toml','w').write('title = "Texas inmate Arcade Comeaux escapes prison van"\ndate = "2009-11-30"\ntags = ["ecb+", "3ecbplus"]\n')
spec=[('3/3ecbplus/1','huffpost','HuffPost','2009-11-30',3),('3/3ecbplus/2','abc','ABC News','2009-11-30',3),
      ('3/3ecbplus/5','nydn','New York Daily News','2009-12-03',3),('3/3ecbplus/6','fox','Fox News','2009-11-30',3),
      ('3/3ecbplus/7','wibw','WIBW','2009-11-30',2)]
def fix(s):
    s=re.sub(r'(\d), (\d{3})',r'\1,\2',s); s=s.replace('a. m.','a.m.').replace('MyFoxHouston. com','MyFoxHouston.com').replace('U. S.','U.S.')
    return s
for d,fid,name,date,start in spec:
    sents=[fix(ecb.detok(v)) for k,v in ds[d].items()]
    url=sents[0].replace(' ','')
    body=' '.join(sents[start:])
    open(f'{ev}/{fid}.md','w').write(f'---\noutlet: "{name}"\ntitle: {sents[1]!r}\ndate: {date}\nurl: {url}\n---\n\n{body}\n'.replace("title: '","title: \"").replace("'\ndate",'"\ndate') )
