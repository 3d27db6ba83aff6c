import { Text } from '@tarojs/components';
import type { GroupStatus } from '../../contract/types';

const LABELS: Record<GroupStatus, string> = { forming: '组建中', active: '已激活', dissolved: '已解散' };

export function GroupStatusBadge({ status }: { status: GroupStatus }) {
  return <Text className={`badge badge--${status}`}>{LABELS[status] ?? status}</Text>;
}
