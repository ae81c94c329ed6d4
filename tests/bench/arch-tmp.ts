import { benchArchive } from './archive';
for (const l of await benchArchive()) console.log(l);
