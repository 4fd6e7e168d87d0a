/** The objects of every bucket, as ListObjectsV2 returns them. */
import { api } from '../api';
import { h } from '../dom';
import { formatBytes, formatTime } from '../format';
import { card, drawWhenChanged, table, type Page } from '../ui';

export function storagePage(): Page {
  const host = h('div');
  const draw = drawWhenChanged();
  const element = h('div', { class: 'page' }, h('h1', {}, 'Storage'), card('Objects in S3', host));
  return {
    title: 'Storage',
    element,
    refresh: async () => {
      const objects = await api.storage();
      const rows = objects.map((o) => h('tr', {}, h('td', {}, o.bucket), h('td', { class: 'key' }, o.key), h('td', { class: 'number' }, formatBytes(o.size)), h('td', { class: 'time' }, formatTime(o.lastModified))));
      draw(host, objects, () => [table(['Bucket', 'Key', 'Size', 'Modified'], rows, 'No object stored yet.', 'Stored objects')]);
    },
  };
}
