/** System administration: the unit tree with departments and people, and the accounts. */

import { Alert, App, Card, Col, Row, Tabs, Tree } from 'antd';
import { useMemo, useState } from 'react';

import { api } from '../api/client.ts';
import { errorText, unitTree } from '../features/admin/admin-helpers.ts';
import { UnitPanel } from '../features/admin/UnitPanel.tsx';
import { UsersPanel } from '../features/admin/UsersPanel.tsx';
import { ChannelsPanel } from '../features/admin/ChannelsPanel.tsx';
import { useApi } from '../api/use-api.ts';

/** The page. */
export function AdminPage() {
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number | null>(null);

  const loaded = useApi(() => Promise.all([api.get('/api/admin/units'), api.get('/api/admin/users')]), []);
  const [units, users] = loaded.data ?? [[], []];
  const error = loaded.error;
  const reload = loaded.reload;

  const tree = useMemo(() => unitTree(units), [units]);
  const unit = units.find((u) => u.id === (selected ?? units[0]?.id));
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };

  return (
    <Card title="系统管理">
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        items={[
          {
            key: 'units',
            label: '单位与部室',
            children: (
              <Row gutter={16}>
                <Col span={8}>
                  {tree.length > 0 && (
                    <Tree
                      key={units.length}
                      treeData={tree}
                      defaultExpandAll
                      selectedKeys={unit ? [unit.id] : []}
                      onSelect={(keys) => setSelected(typeof keys[0] === 'number' ? keys[0] : null)}
                      data-testid="unit-tree"
                    />
                  )}
                </Col>
                <Col span={16}>
                  {unit && <UnitPanel key={`${unit.id}-${unit.version}`} unit={unit} run={run} />}
                </Col>
              </Row>
            ),
          },
          {
            key: 'users',
            label: `用户（${users.length}）`,
            children: <UsersPanel users={users} units={units} tree={tree} run={run} />,
          },
          { key: 'channels', label: '消息渠道', children: <ChannelsPanel /> },
        ]}
      />
    </Card>
  );
}
