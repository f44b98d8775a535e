/** Small status displays: the 红黄绿 light, the state tag, the demo mark. */
import { Tag, Tooltip } from 'antd';
import {
  MEASURE_STATE_LABELS,
  WARNING_COLOUR_LABELS,
  type TMeasureState,
  type TWarningColour,
} from '@shared/domain.ts';

const LIGHT: Record<TWarningColour, string> = {
  red: '#d9363e',
  yellow: '#faad14',
  green: '#52c41a',
  none: '#d9d9d9',
};

/** A round light in the warning colour. */
export function WarningLight({ colour }: { colour: TWarningColour }) {
  return (
    <Tooltip title={WARNING_COLOUR_LABELS[colour]}>
      <span
        role="img"
        aria-label={WARNING_COLOUR_LABELS[colour]}
        data-colour={colour}
        style={{
          display: 'inline-block',
          width: 12,
          height: 12,
          borderRadius: 6,
          background: LIGHT[colour],
          verticalAlign: 'middle',
        }}
      />
    </Tooltip>
  );
}

const STATE_COLOUR: Record<TMeasureState, string> = {
  not_started: 'default',
  in_progress: 'processing',
  close_requested: 'purple',
  closed: 'success',
  standing: 'cyan',
  relapsed: 'error',
};

/** The measure's state as a tag. */
export function StateTag({ state }: { state: TMeasureState }) {
  return <Tag color={STATE_COLOUR[state]}>{MEASURE_STATE_LABELS[state]}</Tag>;
}

/** Marks demo data. */
export function DemoMark() {
  return (
    <Tag color="orange" style={{ marginInlineStart: 4 }}>
      演示
    </Tag>
  );
}
