/**
 * Import with preview: upload a .txt/.docx/.xlsx, see the parsed tree with warnings next to the lines they
 * concern, correct names and deadlines, map departments and people, review re-import changes, then confirm.
 * Nothing is written before 确认导入.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Input, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { TImportPreview } from '@shared/api.ts';
import { measureMarker } from '@shared/chinese.ts';
import { type TImportedDocument } from '@shared/import-structure.ts';
import { api, apiUpload } from '../api/client.ts';
import { countOpenWarnings, withMeasure, type TNameChoices } from '../features/import/import-preview.ts';
import { ChoiceSelect } from '../components/ChoiceSelect.tsx';
import { ChangesTable, MeasurePreview, NameTable } from '../features/import/ImportTables.tsx';
import { errorMessage } from '../api/use-api.ts';

/** The page. `?inspectionId=` updates an existing ledger from a newer breakdown. */
export function ImportPage() {
  const [params] = useSearchParams();
  const inspectionId = params.get('inspectionId');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [doc, setDoc] = useState<TImportedDocument | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [choices, setChoices] = useState<TNameChoices>({ departments: {}, people: {} });
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const [file, setFile] = useState<File | null>(null);

  /** Previews the file; with a unit chosen, names are matched against that unit's departments and people. */
  const onFile = async (chosen: File, forUnit?: number) => {
    setBusy(true);
    setError(null);
    setFile(chosen);
    const query = new URLSearchParams(
      inspectionId ? { inspectionId } : forUnit !== undefined ? { unitId: String(forUnit) } : {},
    );
    try {
      const p = await apiUpload('POST /api/imports/preview', chosen, { query });
      setPreview(p);
      setDoc(p.document);
      setUnitId(p.unit?.id ?? null);
      setChoices({
        departments: Object.fromEntries(
          p.departments.filter((d) => d.matchId !== null).map((d) => [d.name, d.matchId ?? 'new']),
        ),
        people: Object.fromEntries(
          p.people.filter((d) => d.matchId !== null).map((d) => [d.name, d.matchId ?? 'new']),
        ),
      });
      setAccepted(
        new Set(
          (p.reimport?.changes ?? [])
            .filter((c) => c.kind !== 'removed' && c.blockedReason === null)
            .map((c) => c.id),
        ),
      );
    } catch (e) {
      setError(errorMessage(e, '上传失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview || !doc) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post('/api/imports/confirm', {
        body: {
          document: doc,
          unitId: preview.reimport ? null : unitId,
          inspectionId: preview.reimport?.inspectionId ?? null,
          mappings: choices,
          acceptedChanges: [...accepted],
        },
      });
      void message.success(
        preview.reimport
          ? `已更新：新增 ${result.created} 条，修改 ${result.changed} 条，删除 ${result.removed} 条`
          : `已导入 ${result.created} 条整改措施`,
      );
      navigate(`/inspections/${result.inspectionId}`);
    } catch (e) {
      setError(errorMessage(e, '导入失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  const openWarnings = doc ? countOpenWarnings(doc, choices) : 0;
  const unmapped = preview
    ? [...preview.departments, ...preview.people].filter(
        (n) => (n.name in choices.departments || n.name in choices.people) === false,
      )
    : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={inspectionId ? '按新版责任分解表更新台账' : '导入巡察反馈、整改通报或责任分解表'}
        extra={
          <Button
            icon={<DownloadOutlined />}
            href="/api/templates/breakdown.xlsx"
            data-testid="download-template"
          >
            下载责任分解表模板
          </Button>
        }
      >
        <Upload.Dragger
          accept=".txt,.docx,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={isBusy}
          beforeUpload={(file) => {
            void onFile(file);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖拽文件到此处</p>
          <p className="ant-upload-hint">
            支持 .docx（巡察反馈意见、整改通报）、.xlsx（责任分解表）、.txt；上传后先预览，确认后才写入
          </p>
        </Upload.Dragger>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" />
        )}
      </Card>

      {preview && doc && (
        <>
          <Card size="small" title={`预览：${preview.fileName}`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text data-testid="import-counts">
                {preview.counts.categories} 个问题类别，{preview.counts.problems} 个问题，
                {preview.counts.measures} 条整改措施
                {doc.unit ? `；单位：${doc.unit}` : ''}
                {doc.inspection.group ? `；${doc.inspection.group}` : ''}
              </Typography.Text>
              {preview.duplicateOf && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="import-duplicate"
                  title={`该文件已导入为台账“${preview.duplicateOf.title}”（编号 ${preview.duplicateOf.inspectionId}）`}
                  description="不会重复建立台账：下面按更新该台账列出变化，确认后只写入您勾选的变化。"
                />
              )}
              {!preview.reimport && (
                <Space>
                  <Typography.Text>导入到单位：</Typography.Text>
                  <ChoiceSelect
                    what="units"
                    width={280}
                    placeholder="请选择单位（可输入名称查找）"
                    value={unitId === null ? undefined : String(unitId)}
                    onChange={(v) => {
                      const id = v === undefined ? null : Number(v);
                      setUnitId(id);
                      if (file && id !== null) void onFile(file, id);
                    }}
                    testId="import-unit"
                  />
                </Space>
              )}
              {doc.warnings.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title="请核对以下提示"
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {doc.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </Space>
          </Card>

          {(preview.departments.length > 0 || preview.people.length > 0) && (
            <Card size="small" title="部室与人员对应" data-testid="import-mappings">
              <NameTable
                title="责任单位（部室）"
                names={preview.departments}
                options={preview.unitDepartments}
                choice={choices.departments}
                onChange={(name, v) =>
                  setChoices((c) => ({ ...c, departments: { ...c.departments, [name]: v } }))
                }
              />
              <NameTable
                title="责任领导 / 责任人"
                names={preview.people}
                options={preview.unitPeople}
                choice={choices.people}
                onChange={(name, v) => setChoices((c) => ({ ...c, people: { ...c.people, [name]: v } }))}
              />
            </Card>
          )}

          <Card size="small" title="问题与整改措施" data-testid="import-tree">
            {doc.categories.length === 0 && <Empty description="没有识别到问题清单" />}
            {doc.categories.map((c, ci) => (
              <div key={ci} style={{ marginBottom: 16 }}>
                <Input
                  prefix={`(${measureMarker(ci + 1).slice(0, -1)})`}
                  value={c.title}
                  onChange={(e) =>
                    setDoc({
                      ...doc,
                      categories: doc.categories.map((x, i) =>
                        i === ci ? { ...x, title: e.target.value } : x,
                      ),
                    })
                  }
                  style={{ fontWeight: 600 }}
                />
                {c.problems.map((p, pi) => (
                  <div key={pi} style={{ marginInlineStart: 24, marginTop: 8 }}>
                    <Input
                      prefix={`${p.number}.`}
                      value={p.title}
                      onChange={(e) =>
                        setDoc({
                          ...doc,
                          categories: doc.categories.map((x, i) =>
                            i !== ci
                              ? x
                              : {
                                  ...x,
                                  problems: x.problems.map((y, j) =>
                                    j === pi ? { ...y, title: e.target.value } : y,
                                  ),
                                },
                          ),
                        })
                      }
                    />
                    {p.measures.map((m, mi) => (
                      <MeasurePreview
                        key={mi}
                        measure={m}
                        label={measureMarker(mi + 1)}
                        choices={choices}
                        onChange={(change) => setDoc(withMeasure(doc, { c: ci, p: pi, m: mi }, change))}
                      />
                    ))}
                  </div>
                ))}
              </div>
            ))}
          </Card>

          {(doc.rules.length > 0 || doc.money.length > 0 || doc.accountability.length > 0) && (
            <Collapse
              items={[
                {
                  key: 'outcomes',
                  label: `文中识别到的整改成果（供核对，不会自动登记）：制度 ${doc.rules.length} 项，资金 ${doc.money.length} 处，问责 ${doc.accountability.length} 处`,
                  children: (
                    <ul data-testid="import-rules">
                      {doc.rules.map((r) => (
                        <li key={r.title}>
                          《{r.title}》{r.docNumber ? `（${r.docNumber}）` : ''}{' '}
                          <Tag>{r.kind === 'new' ? '新制定' : '修订'}</Tag>
                        </li>
                      ))}
                      {doc.money.map((m, i) => (
                        <li key={`m${i}`}>
                          {m.text}
                          {m.amountWan !== null ? `（${m.amountWan} 万元）` : ''}
                        </li>
                      ))}
                      {doc.accountability.map((a, i) => (
                        <li key={`a${i}`}>
                          {a.kind} {a.people} 人
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}

          {preview.reimport && (
            <ChangesTable changes={preview.reimport.changes} accepted={accepted} onChange={setAccepted} />
          )}

          <Card size="small">
            <Space>
              <Button
                type="primary"
                loading={isBusy}
                disabled={!preview.reimport && unitId === null && doc.unit === null}
                onClick={() => void confirm()}
                data-testid="import-confirm"
              >
                确认导入
              </Button>
              <Typography.Text type={openWarnings > 0 ? 'warning' : 'secondary'} data-testid="open-warnings">
                {openWarnings > 0
                  ? `尚有 ${openWarnings} 处提示未处理（可导入后在台账中补充）`
                  : '所有提示已处理'}
              </Typography.Text>
              {unmapped.length > 0 && (
                <Typography.Text type="secondary">未对应的部室、人员将按名称新建</Typography.Text>
              )}
            </Space>
          </Card>
        </>
      )}
    </Space>
  );
}
