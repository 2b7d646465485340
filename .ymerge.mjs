import * as Y from "yjs";
function typedUpdates(count) {
  const doc = new Y.Doc(); const updates = [];
  doc.on("update", (u) => updates.push(u));
  const p = new Y.XmlElement("paragraph"); const t = new Y.XmlText(); p.insert(0,[t]);
  doc.getXmlFragment("finding").insert(0,[p]);
  for (let i = 0; updates.length < count; i++) t.insert(t.length, "abcdefghij"[i%10]);
  return updates;
}
const ups = typedUpdates(100000);
console.log("bytes", ups.reduce((a,u)=>a+u.length,0));
for (let r=0;r<3;r++){
let t=performance.now();
const d=new Y.Doc(); d.transact(()=>{for(const u of ups) Y.applyUpdate(d,u)});
console.log("apply each", (performance.now()-t).toFixed(0));
t=performance.now();
const m=Y.mergeUpdates(ups);
const t2=performance.now();
const d2=new Y.Doc(); Y.applyUpdate(d2,m);
console.log("merge", (t2-t).toFixed(0), "apply merged", (performance.now()-t2).toFixed(0), m.length);
}
