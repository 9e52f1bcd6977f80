// The 经审 module: #/review/<tab> — 抽样, 专项审查表, 审查问题 (review-and-disclosure.md §3–§4).
// The 经审委员 writes here and only here; the 工会主席 reads (the core refuses their writes anyway).
import { useEffect, useState } from 'react';
import { Tabs } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../../layout/SessionContext';
import SampleTab from './SampleTab';
import SchedulesTab from './SchedulesTab';
import FindingsTab from './FindingsTab';
import ReportTab from './ReportTab';
import '../books/books.css';
import './review.css';

function readTab(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1] ?? 'sample';
}

export default function ReviewPage() {
  const { user } = useSession();
  /** Only the committee writes its samples, findings and 工资总额 (README: 经审委员 "仅可登记审查意见"). */
  const canWrite = user.roles.includes('reviewer');
  const [tab, setTab] = useState<string>(readTab);
  const [year, setYear] = useState<number>(() => dayjs().year());

  useEffect(() => {
    const onChange = () => setTab(readTab());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const choose = (key: string) => {
    window.history.replaceState(null, '', `#/review/${key}`);
    setTab(key);
  };

  const items = [
    { key: 'sample', label: '抽样', children: <SampleTab year={year} onYear={setYear} canWrite={canWrite} /> },
    { key: 'schedules', label: '专项审查表', children: <SchedulesTab year={year} onYear={setYear} canWrite={canWrite} /> },
    { key: 'findings', label: '审查问题', children: <FindingsTab year={year} onYear={setYear} canWrite={canWrite} /> },
    { key: 'report', label: '审查报告', children: <ReportTab year={year} onYear={setYear} canWrite={canWrite} /> },
  ];
  return (
    <div className="ulb-page ulr-page">
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'sample'} onChange={choose} destroyOnHidden items={items} />
    </div>
  );
}
