import '../../components/common/common.css';
import './controls.css';
import { ActionMenu } from '../../components/common/action-menu';
import { Icon } from './icons';

export type TranscriptFormat = 'text' | 'asciicast';

/** "Save transcript" with its two formats in a small drop-down menu. */
export function TranscriptMenu(props: { readonly onSave: (format: TranscriptFormat) => void }) {
  return (
    <ActionMenu
      label="Save transcript"
      trigger={{
        className: 'tool-button',
        title: "Save this tab's session with the job's details",
        content: (
          <>
            <Icon name="save" />
            Save
            <Icon name="chevron" />
          </>
        ),
      }}
      items={[
        { id: 'text', label: 'Plain text', hint: '.txt', onSelect: () => props.onSave('text') },
        {
          id: 'asciicast',
          label: 'Recording',
          hint: 'asciicast v2 .cast',
          onSelect: () => props.onSave('asciicast'),
        },
      ]}
    />
  );
}
