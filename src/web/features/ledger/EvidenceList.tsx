/** Evidence files of a measure: preview (images, PDF) or download, with the date each documents. */
import { FileOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { TMeasureDetail } from '@shared/api.ts';

const PREVIEW = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** The list. */
export function EvidenceList({ evidence }: { evidence: TMeasureDetail['evidence'] }) {
  if (evidence.length === 0) return <Typography.Text type="secondary">尚无佐证材料</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} data-testid="evidence-list">
      {evidence.map((e) => (
        <Space key={e.id} size={6}>
          <FileOutlined />
          <Typography.Link
            href={`/api/evidence/${e.id}${PREVIEW.has(e.mime) ? '' : '?download=1'}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {e.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">
            {e.documentedDate ? `材料日期 ${e.documentedDate} · ` : ''}上传 {e.uploadedAt.slice(0, 10)}
            {e.uploaderName ? ` · ${e.uploaderName}` : ''} · {Math.max(1, Math.round(e.size / 1024))} KB
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}
