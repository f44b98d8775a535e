/** The tables of the import preview: names, measures, re-import changes. */

import { Card, Checkbox, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';

import type { TNameMatch, TReimportChange } from '@shared/api.ts';
import { measureMarker } from '@shared/chinese.ts';
import { SUGGESTED_STATE_LABELS, type TImportedMeasure } from '@shared/import-structure.ts';

import { currentMeasureWarnings, type TNameChoices } from './import-preview.ts';

import { SUGGESTED_STATE_TEXT } from './import-preview.ts';

/** Names found in the import and what each maps to in the unit. */
export function NameTable(props: {
  title: string;
  names: TNameMatch[];
  options: Array<{ id: number; name: string }>;
  choice: Record<string, number | 'new'>;
  onChange: (name: string, v: number | 'new') => void;
}) {
  if (props.names.length === 0) return null;
  return (
    <Table<TNameMatch>
      size="small"
      rowKey="name"
      pagination={false}
      style={{ marginBottom: 12 }}
      dataSource={props.names}
      columns={[
        {
          title: props.title,
          dataIndex: 'name',
          width: 200,
          render: (n: string, r) => (
            <Space>
              {n}
              {r.matchId === null && <Tag color="warning">本单位无此名称</Tag>}
            </Space>
          ),
        },
        { title: '出现次数', dataIndex: 'count', width: 90 },
        {
          title: '对应为',
          render: (_, r) => (
            <Select<number | 'new'>
              style={{ width: 240 }}
              placeholder="选择已有，或新建"
              value={props.choice[r.name]}
              onChange={(v) => props.onChange(r.name, v)}
              options={[
                { value: 'new' as const, label: `新建“${r.name}”` },
                ...props.options.map((o) => ({ value: o.id, label: o.name })),
              ]}
              data-testid={`map-${r.name}`}
            />
          ),
        },
      ]}
    />
  );
}

/** One imported measure, editable before confirming, with its warnings. */
export function MeasurePreview(props: {
  measure: TImportedMeasure;
  label: string;
  choices: TNameChoices;
  onChange: (c: Partial<TImportedMeasure>) => void;
}) {
  const { measure: m, label, choices, onChange } = props;
  const warnings = currentMeasureWarnings(m, choices);
  const suggestion = m.suggestedState ?? null;
  const adopted = suggestion !== null && m.stateText === SUGGESTED_STATE_TEXT[suggestion];
  return (
    <div
      style={{ marginInlineStart: 24, marginTop: 6, paddingBlock: 4, borderBottom: '1px dashed #eee' }}
      data-testid="import-measure"
    >
      <Space align="start" style={{ width: '100%' }}>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {label}
        </Typography.Text>
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{m.text}</Typography.Paragraph>
          <Space wrap size={4}>
            {m.department && <Tag>责任单位：{m.department}</Tag>}
            {m.leader && <Tag>责任领导：{m.leader}</Tag>}
            {m.person && <Tag>责任人：{m.person}</Tag>}
            {m.stateText && <Tag>状态：{m.stateText}</Tag>}
            {m.deadline !== undefined && (
              <Space size={4}>
                <Typography.Text type="secondary">完成时限</Typography.Text>
                <DatePicker
                  size="small"
                  value={m.deadline ? dayjs(m.deadline) : null}
                  disabled={m.isStanding === true}
                  onChange={(d) => onChange({ deadline: d ? d.format('YYYY-MM-DD') : null })}
                  placeholder="选择日期"
                />
                <Checkbox
                  checked={m.isStanding === true}
                  onChange={(e) =>
                    onChange({
                      isStanding: e.target.checked,
                      deadline: e.target.checked ? null : (m.deadline ?? null),
                    })
                  }
                >
                  长期坚持
                </Checkbox>
              </Space>
            )}
            {suggestion && (
              <Checkbox
                checked={adopted}
                onChange={(e) =>
                  onChange({
                    stateText: e.target.checked ? SUGGESTED_STATE_TEXT[suggestion] : null,
                    ...(suggestion === 'standing' ? { isStanding: e.target.checked } : {}),
                  })
                }
              >
                采用建议状态：{SUGGESTED_STATE_LABELS[suggestion]}
              </Checkbox>
            )}
          </Space>
          {warnings.map((w) => (
            <Tag key={w} color="warning" data-testid="measure-warning">
              {w}
            </Tag>
          ))}
        </Space>
      </Space>
    </div>
  );
}

/** What a re-import changes, each change accepted or not. */
export function ChangesTable(props: {
  changes: TReimportChange[];
  accepted: Set<string>;
  onChange: (s: Set<string>) => void;
}) {
  const kindLabel = {
    added: <Tag color="green">新增</Tag>,
    changed: <Tag color="blue">修改</Tag>,
    removed: <Tag color="red">删除</Tag>,
  };
  const rows = useMemo(() => props.changes, [props.changes]);
  return (
    <Card
      size="small"
      title={`与现有台账的差异（${rows.length} 处，只应用勾选的）`}
      data-testid="import-changes"
    >
      <Table<TReimportChange>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        rowSelection={{
          selectedRowKeys: [...props.accepted],
          onChange: (keys) => props.onChange(new Set(keys.map(String))),
          getCheckboxProps: (r) => ({ disabled: r.blockedReason !== null }),
        }}
        columns={[
          { title: '类型', width: 70, render: (_, r) => kindLabel[r.kind] },
          { title: '问题', render: (_, r) => `${r.problem}（${measureMarker(r.ordinal)}）` },
          {
            title: '内容',
            render: (_, r) =>
              r.kind === 'changed' ? `修改：${r.fields.join('、')}` : (r.after ?? r.before)?.text,
          },
          {
            title: '说明',
            render: (_, r) =>
              r.blockedReason ? <Typography.Text type="warning">{r.blockedReason}</Typography.Text> : null,
          },
        ]}
      />
    </Card>
  );
}
