/**
 * A filter's select whose options are found on the server by the words typed (GET /api/choices/…): a page of
 * matches, never the whole list; the chosen value always shown with its name, even from a shared link.
 */
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';

const PATHS = {
  units: '/api/choices/units',
  inspections: '/api/choices/inspections',
  rounds: '/api/choices/rounds',
} as const;

/** The select; `unit` narrows inspections to a unit and below. */
export function ChoiceSelect({
  what,
  value,
  onChange,
  placeholder,
  width,
  unit,
  testId,
}: {
  what: keyof typeof PATHS;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  width: number;
  unit?: string | undefined;
  testId?: string;
}) {
  const [words, setWords] = useState('');
  const [typed, setTyped] = useState('');
  // Asked once the typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setWords(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const query = new URLSearchParams();
  if (words) query.set('q', words);
  if (value) query.set('selected', value);
  if (unit) query.set('unit', unit);
  const key = query.toString();
  const { data } = useApi(() => api.get(PATHS[what], { query: new URLSearchParams(key) }), [what, key]);
  const more = data === null ? 0 : Math.max(0, data.total - data.items.length);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={placeholder}
      style={{ width }}
      value={value}
      onChange={(v?: string) => {
        setTyped('');
        onChange(v);
      }}
      loading={data === null}
      options={data?.items ?? []}
      notFoundContent={data === null ? '加载中…' : '没有找到'}
      popupRender={(menu) => (
        <>
          {menu}
          {more > 0 && (
            <div style={{ padding: '4px 12px', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
              还有 {more} 项未列出，请输入关键词查找
            </div>
          )}
        </>
      )}
      data-testid={testId}
    />
  );
}
