/**
 * Records a progress entry on a measure with its evidence files, in one step: each file is checked and kept by the
 * server first (large photos scaled down here), then the text is saved with them; a refused file stops the save
 * before anything is written, so nothing is half-saved and 保存 again is not a false "已被他人修改".
 */
import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Space, Tag, Upload, type UploadFile } from 'antd';
import type { RcFile } from 'antd/es/upload/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import { api, stageUpload } from '../../api/client.ts';
import { errorMessage } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { preparePhoto } from './photo.ts';

type TFields = { entryDate: Dayjs; text: string };

/** The form (remounted per measure by its key); dates after today are not selectable. */
export function ProgressFormModal(props: {
  measure: TMeasureView | null;
  /** The server's date (Beijing): the default entry date and the last one allowed. */
  today: string;
  onSaved: (d: TMeasureDetail) => void;
  onCancel: () => void;
}) {
  const { measure, onSaved, onCancel, today } = props;
  const [form] = Form.useForm<TFields>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const { me } = useAuth();
  const photoMaxEdge = me?.uploads.photoMaxEdge ?? 2048;
  const [stage, setStage] = useState<string | null>(null);
  /** Keeps a chosen file (from the camera or the file picker) for the save; nothing is sent yet. */
  const addFile = (file: RcFile) => {
    setFiles((prev) => [...prev, { uid: file.uid, name: file.name, originFileObj: file, status: 'done' }]);
    return false;
  };
  const submit = async () => {
    if (!measure) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    const date = v.entryDate.format('YYYY-MM-DD');
    const tokens: Array<{ token: string; documentedDate: string }> = [];
    try {
      for (const [i, f] of files.entries()) {
        if (!f.originFileObj) continue;
        setStage(`正在上传第 ${i + 1}/${files.length} 个文件…`);
        const prepared = await preparePhoto(f.originFileObj, photoMaxEdge);
        try {
          const staged = await stageUpload(measure.id, prepared.file, prepared.originalSha256);
          tokens.push({ token: staged.token, documentedDate: date });
        } catch (e) {
          setError(
            `“${f.name}”未能上传：${errorMessage(e, '上传失败')}。进展尚未保存，请移除或更换该文件后重试`,
          );
          return;
        }
      }
      setStage('正在保存…');
      const detail = await api.post('/api/measures/:id/progress', {
        params: { id: measure.id },
        body: { entryDate: date, text: v.text.trim(), version: measure.version, files: tokens },
      });
      onSaved(detail);
    } catch (e) {
      setError(errorMessage(e, '保存失败，请重试'));
    } finally {
      setSaving(false);
      setStage(null);
    }
  };
  return (
    <Modal
      open={measure !== null}
      title="记录整改进展"
      okText="保存"
      cancelText="取消"
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
      forceRender
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="progress-error"
        />
      )}
      <Form<TFields> form={form} layout="vertical" initialValues={{ entryDate: dayjs(today), text: '' }}>
        <Form.Item name="entryDate" label="进展日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
        </Form.Item>
        <Form.Item
          name="text"
          label="进展情况"
          rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={5000}
            showCount
            data-testid="progress-text"
          />
        </Form.Item>
        <Form.Item label="佐证材料（照片、PDF、Word、Excel），与进展一并保存">
          <Space wrap>
            <Upload
              fileList={[]}
              beforeUpload={addFile}
              accept="image/*"
              capture="environment"
              showUploadList={false}
            >
              <Button icon={<CameraOutlined />} data-testid="progress-camera">
                拍照
              </Button>
            </Upload>
            <Upload
              fileList={[]}
              beforeUpload={addFile}
              multiple
              accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx"
              showUploadList={false}
            >
              <Button icon={<UploadOutlined />} data-testid="progress-files">
                选择文件
              </Button>
            </Upload>
          </Space>
          <div data-testid="progress-file-list" style={{ marginTop: 8 }}>
            {files.map((f) => (
              <Tag
                key={f.uid}
                closable
                onClose={() => setFiles((prev) => prev.filter((x) => x.uid !== f.uid))}
                style={{ marginBottom: 4, maxWidth: '100%', whiteSpace: 'normal', wordBreak: 'break-all' }}
              >
                {f.name}
              </Tag>
            ))}
          </div>
          {stage && <div style={{ marginTop: 8, color: '#666' }}>{stage}</div>}
        </Form.Item>
      </Form>
    </Modal>
  );
}
