<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>AcceptDialog</name>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="43" />
      <source>立项:责任部门与复核日期</source>
      <translation>Take up: responsible department and review date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="48" />
      <source>请选择责任部门</source>
      <translation>Choose the responsible department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="52" />
      <source>责任部门</source>
      <translation>Responsible department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="53" />
      <source>责任人</source>
      <translation>Person responsible</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="54" />
      <source>复核日期</source>
      <translation>Review date</translation>
    </message>
  </context>
  <context>
    <name>AccountsModel</name>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="17" />
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="17" />
      <source>显示名</source>
      <translation>Display name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="18" />
      <source>角色 @ 权限范围</source>
      <translation>Role @ scope</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="18" />
      <source>所属部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="19" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="19" />
      <source>最近登录</source>
      <translation>Last log-in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="24" />
      <source>有效</source>
      <translation>Active</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/models.py" line="24" />
      <source>停用</source>
      <translation>Disabled</translation>
    </message>
  </context>
  <context>
    <name>AccountsWindow</name>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="61" />
      <source>用户账号与权限</source>
      <translation>User accounts and roles</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="63" />
      <source>您查阅范围内的账号及其角色(只读)。每次查阅记入审计日志;账号和角色由管理员办理(条例第十五条)。</source>
      <translation>The accounts within your audit scope and their roles (read-only). Each reading is recorded in the audit log; accounts and roles are handled by administrators (Art. 15).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="66" />
      <source>您管辖范围内的账号。管理员只在本辖区内授予角色,管理员角色须授予在其本级;审计员由系统管理员授予;自己的账号由另一位管理员办理(条例第十五条)。</source>
      <translation>The accounts within your scope. Administrators grant roles only within their own area, an administrator's role only at its own level; auditors are granted by the system administrator; your own account is handled by another administrator (Art. 15).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="68" />
      <source>新增用户…</source>
      <translation>New user...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="69" />
      <source>授予角色…</source>
      <translation>Grant role...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="70" />
      <source>撤销角色…</source>
      <translation>Revoke role...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="71" />
      <source>重置密码…</source>
      <translation>Reset password...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="72" />
      <source>密码有效期…</source>
      <translation>Password age...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="73" />
      <source>用户账号</source>
      <translation>User accounts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="75" />
      <source>启用</source>
      <translation>Enable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="75" />
      <source>停用…</source>
      <translation>Disable...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="94" />
      <source>这是该账号唯一的角色,不能撤销;不再使用的账号请停用</source>
      <translation>This is the account's only role and cannot be revoked; disable an account no longer used</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="96" />
      <source>审计员只查看账号与角色,不能更改;请由管理员办理(条例第十五条)</source>
      <translation>An auditor only views accounts and roles and cannot change them; please ask an administrator (Art. 15)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="173" />
      <source>停用账号</source>
      <translation>Disable account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/window.py" line="174" />
      <source>停用 %1?停用后不能再登录,其办理记录保留。</source>
      <translation>Disable %1? The account can no longer log in; its records are kept.</translation>
    </message>
  </context>
  <context>
    <name>ActivityModel</name>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="36" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="36" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="37" />
      <source>人员</source>
      <translation>Person</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="37" />
      <source>事项</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="38" />
      <source>情况</source>
      <translation>Outcome</translation>
    </message>
  </context>
  <context>
    <name>AddStaffDialog</name>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="20" />
      <source>新增网格人员</source>
      <translation>Add grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="30" />
      <source>11 位手机号或 0779-xxxxxxx</source>
      <translation>11-digit mobile or 0779-xxxxxxx</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="38" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="39" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="40" />
      <source>来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="41" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="42" />
      <source>手机</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/add_staff_dialog.py" line="43" />
      <source>起始日期</source>
      <translation>Start date</translation>
    </message>
  </context>
  <context>
    <name>AlarmOverlay</name>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="93" />
      <source>⚠ 紧急情况报告 · 须值班长确认(第二十一条)</source>
      <translation>⚠ Emergency report · shift supervisor must acknowledge (Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="94" />
      <source>值班长用户名</source>
      <translation>Shift supervisor's user name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="95" />
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="96" />
      <source>确认已知悉</source>
      <translation>Acknowledge</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="122" />
      <source>未定</source>
      <translation>not known</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="123" />
      <source>预计发生时间</source>
      <translation>Expected at</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="123" />
      <source>{0}(尚未发生,获知 {1})</source>
      <translation>{0} (not happened yet; learned {1})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="125" />
      <source>发生时间</source>
      <translation>Occurred</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="125" />
      <source>{0}(获知 {1})</source>
      <translation>{0} (learned of {1})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="127" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="128" />
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="130" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="131" />
      <source>伤亡</source>
      <translation>Casualties</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="131" />
      <source>涉及 {0} 人;死亡 {1},受伤 {2},失踪 {3}</source>
      <translation>{0} people involved; {1} dead, {2} injured, {3} missing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="133" />
      <source>(尚在核实)</source>
      <translation> (still being verified)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="134" />
      <source>事件概要</source>
      <translation>Summary</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="135" />
      <source>已采取措施</source>
      <translation>Measures taken</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="135" />
      <source>(未填写)</source>
      <translation>(not given)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="136" />
      <source>报告人</source>
      <translation>Reported by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="140" />
      <source>报送时限:{0} · {1} {2}</source>
      <translation>Report due: {0} · {1} {2}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="148" />
      <source>另有 {0} 条紧急情况待确认</source>
      <translation>{0} more emergencies awaiting acknowledgement</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="172" />
      <source>请输入值班长用户名</source>
      <translation>Enter the shift supervisor's user name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/alarm.py" line="175" />
      <source>正在确认…</source>
      <translation>Acknowledging...</translation>
    </message>
  </context>
  <context>
    <name>AmendFactsDialog</name>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="40" />
      <source>更正/补充事实 — %1</source>
      <translation>Correct/add facts — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="41" />
      <source>按续报或核实的情况改动下列事实;原值和新值记入审计日志,关联案件的时间线也会记录。获知时间是报告时限的起算点,不能更正。</source>
      <translation>Change the facts below to match a follow-up report or verification; the old and new values go into the audit log and onto the linked case's timeline. The time learned of starts the reporting clock and cannot be corrected.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="49" />
      <source>续报补充、更新(事态发展或核实所得)</source>
      <translation>Follow-up update (new developments or verified facts)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="50" />
      <source>更正原报错误</source>
      <translation>Correct an error in the report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="56" />
      <source>改动性质</source>
      <translation>Kind of change</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="58" />
      <source>如:16:00 续报,伤员增至 3 人</source>
      <translation>e.g. 16:00 follow-up report: injured now 3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="59" />
      <source>依据或原因</source>
      <translation>Basis or reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="62" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/amend_dialog.py" line="63" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>ApplicationsModel</name>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="28" />
      <source>申请部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="28" />
      <source>申请</source>
      <translation>Request</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="29" />
      <source>事项</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="29" />
      <source>理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="30" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="30" />
      <source>审核意见</source>
      <translation>Review comment</translation>
    </message>
  </context>
  <context>
    <name>AsksBeforeDiscarding</name>
    <message>
      <location filename="../../desktop/views/unsaved.py" line="104" />
      <source>已填写的内容尚未保存:再按一次 Esc(或再点“%1”)放弃,继续填写则保留</source>
      <translation>What has been typed is not saved: press Esc again (or %1) to discard it, or go on typing to keep it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unsaved.py" line="131" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>AuditLogModel</name>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="24" />
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="24" />
      <source>用户</source>
      <translation>User</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="25" />
      <source>电脑 / 系统用户</source>
      <translation>Computer / OS user</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="25" />
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="26" />
      <source>对象</source>
      <translation>Target</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="26" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="27" />
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/model.py" line="27" />
      <source>内容</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>同意网格调整</source>
      <translation>Approve grid adjustment</translation>
    </message>
    <message>
      <source>网格调整备案</source>
      <translation>File grid adjustment</translation>
    </message>
    <message>
      <source>提出网格调整</source>
      <translation>Propose grid adjustment</translation>
    </message>
    <message>
      <source>不同意网格调整</source>
      <translation>Reject grid adjustment</translation>
    </message>
    <message>
      <source>校验审计日志</source>
      <translation>Check audit log</translation>
    </message>
    <message>
      <source>查阅审计日志</source>
      <translation>Read audit log</translation>
    </message>
    <message>
      <source>增加节假日或调休日</source>
      <translation>Add holiday or make-up workday</translation>
    </message>
    <message>
      <source>录入节假日安排</source>
      <translation>Enter holiday schedule</translation>
    </message>
    <message>
      <source>计入国务院节假日安排</source>
      <translation>Apply State Council holiday schedule</translation>
    </message>
    <message>
      <source>删除节假日或调休日</source>
      <translation>Remove holiday or make-up workday</translation>
    </message>
    <message>
      <source>增加协办单位</source>
      <translation>Add co-handler</translation>
    </message>
    <message>
      <source>下派诉求</source>
      <translation>Assign request down</translation>
    </message>
    <message>
      <source>回访</source>
      <translation>Callback</translation>
    </message>
    <message>
      <source>修改期限与回访规则</source>
      <translation>Change deadline and callback rules</translation>
    </message>
    <message>
      <source>联系诉求人</source>
      <translation>Contact requester</translation>
    </message>
    <message>
      <source>审批延期</source>
      <translation>Decide extension</translation>
    </message>
    <message>
      <source>处理管辖异议</source>
      <translation>Decide jurisdiction objection</translation>
    </message>
    <message>
      <source>派遣</source>
      <translation>Dispatch</translation>
    </message>
    <message>
      <source>上报诉求</source>
      <translation>Escalate request</translation>
    </message>
    <message>
      <source>导出诉求</source>
      <translation>Export requests</translation>
    </message>
    <message>
      <source>暂缓办理</source>
      <translation>Put on hold</translation>
    </message>
    <message>
      <source>导入诉求</source>
      <translation>Import requests</translation>
    </message>
    <message>
      <source>合并重复诉求</source>
      <translation>Merge duplicate request</translation>
    </message>
    <message>
      <source>提出管辖异议</source>
      <translation>Raise jurisdiction objection</translation>
    </message>
    <message>
      <source>重办</source>
      <translation>Reopen</translation>
    </message>
    <message>
      <source>反馈办理结果</source>
      <translation>Report result</translation>
    </message>
    <message>
      <source>申请延期</source>
      <translation>Request extension</translation>
    </message>
    <message>
      <source>就地办结</source>
      <translation>Resolve on the spot</translation>
    </message>
    <message>
      <source>核查结案</source>
      <translation>Review and close</translation>
    </message>
    <message>
      <source>指定网格</source>
      <translation>Assign grid</translation>
    </message>
    <message>
      <source>签收</source>
      <translation>Sign for</translation>
    </message>
    <message>
      <source>报送阶段情况</source>
      <translation>Report progress</translation>
    </message>
    <message>
      <source>督办</source>
      <translation>Supervise</translation>
    </message>
    <message>
      <source>受理诉求</source>
      <translation>Take in request</translation>
    </message>
    <message>
      <source>撤销合并</source>
      <translation>Undo merge</translation>
    </message>
    <message>
      <source>撤回协办单位</source>
      <translation>Withdraw co-handler</translation>
    </message>
    <message>
      <source>备份数据库</source>
      <translation>Back up database</translation>
    </message>
    <message>
      <source>授予值班台数据库权限</source>
      <translation>Grant desks database access</translation>
    </message>
    <message>
      <source>生成演示数据</source>
      <translation>Generate demo data</translation>
    </message>
    <message>
      <source>新增联动部门</source>
      <translation>Add department</translation>
    </message>
    <message>
      <source>新增部门联系人</source>
      <translation>Add department contact</translation>
    </message>
    <message>
      <source>移除部门联系人</source>
      <translation>Remove department contact</translation>
    </message>
    <message>
      <source>恢复启用联动部门</source>
      <translation>Restore department</translation>
    </message>
    <message>
      <source>停用联动部门</source>
      <translation>Retire department</translation>
    </message>
    <message>
      <source>设定联系人职责</source>
      <translation>Set contact duties</translation>
    </message>
    <message>
      <source>设定上级部门</source>
      <translation>Set parent department</translation>
    </message>
    <message>
      <source>修改联动部门</source>
      <translation>Edit department</translation>
    </message>
    <message>
      <source>确认紧急情况告警</source>
      <translation>Acknowledge emergency alarm</translation>
    </message>
    <message>
      <source>补充紧急情况报告内容</source>
      <translation>Amend emergency report facts</translation>
    </message>
    <message>
      <source>终报紧急情况</source>
      <translation>Final emergency report</translation>
    </message>
    <message>
      <source>修改紧急情况报告时限</source>
      <translation>Change emergency reporting deadlines</translation>
    </message>
    <message>
      <source>更正紧急情况报送记录</source>
      <translation>Correct emergency reporting record</translation>
    </message>
    <message>
      <source>修改报送对象值班电话</source>
      <translation>Change duty-room phones</translation>
    </message>
    <message>
      <source>紧急情况已处置</source>
      <translation>Mark emergency handled</translation>
    </message>
    <message>
      <source>登记紧急情况报送</source>
      <translation>Record emergency report step</translation>
    </message>
    <message>
      <source>报告紧急情况</source>
      <translation>Report emergency</translation>
    </message>
    <message>
      <source>撤销紧急情况已处置</source>
      <translation>Undo emergency handled</translation>
    </message>
    <message>
      <source>修改考核指标权重</source>
      <translation>Change indicator weights</translation>
    </message>
    <message>
      <source>导出考核结果</source>
      <translation>Export evaluation</translation>
    </message>
    <message>
      <source>撤销考核结算</source>
      <translation>Reopen evaluation</translation>
    </message>
    <message>
      <source>结算考核数据</source>
      <translation>Settle evaluation</translation>
    </message>
    <message>
      <source>重点治理事项立项</source>
      <translation>Accept key governance item</translation>
    </message>
    <message>
      <source>重点治理事项销号</source>
      <translation>Close key governance item</translation>
    </message>
    <message>
      <source>重点治理事项不予立项</source>
      <translation>Dismiss key governance proposal</translation>
    </message>
    <message>
      <source>建议重点治理事项</source>
      <translation>Propose key governance item</translation>
    </message>
    <message>
      <source>按规则建议重点治理事项</source>
      <translation>Propose key governance items by rule</translation>
    </message>
    <message>
      <source>调整重点治理事项</source>
      <translation>Reassign key governance item</translation>
    </message>
    <message>
      <source>导出网格</source>
      <translation>Export grids</translation>
    </message>
    <message>
      <source>导入网格</source>
      <translation>Import grids</translation>
    </message>
    <message>
      <source>导入边界</source>
      <translation>Import boundaries</translation>
    </message>
    <message>
      <source>新增清单事项</source>
      <translation>Add list item</translation>
    </message>
    <message>
      <source>申请增减清单事项</source>
      <translation>Apply to change list items</translation>
    </message>
    <message>
      <source>导出清单事项</source>
      <translation>Export list items</translation>
    </message>
    <message>
      <source>导入清单事项</source>
      <translation>Import list items</translation>
    </message>
    <message>
      <source>公布事项清单</source>
      <translation>Publish matter list</translation>
    </message>
    <message>
      <source>督促限期整改</source>
      <translation>Order rectification</translation>
    </message>
    <message>
      <source>报送整改情况</source>
      <translation>Report rectification</translation>
    </message>
    <message>
      <source>确认整改完毕</source>
      <translation>Confirm rectification</translation>
    </message>
    <message>
      <source>退回整改情况</source>
      <translation>Return rectification report</translation>
    </message>
    <message>
      <source>登记整改完毕</source>
      <translation>Record rectification done</translation>
    </message>
    <message>
      <source>删除清单事项</source>
      <translation>Remove list item</translation>
    </message>
    <message>
      <source>审核事项申请</source>
      <translation>Review list application</translation>
    </message>
    <message>
      <source>新建事项清单版本</source>
      <translation>Start list version</translation>
    </message>
    <message>
      <source>修改清单事项</source>
      <translation>Edit list item</translation>
    </message>
    <message>
      <source>新建网格</source>
      <translation>Create grid</translation>
    </message>
    <message>
      <source>打印事项清单</source>
      <translation>Print matter list</translation>
    </message>
    <message>
      <source>打印网格公示牌</source>
      <translation>Print grid notice sheets</translation>
    </message>
    <message>
      <source>修改网格公示牌文字</source>
      <translation>Change notice sheet texts</translation>
    </message>
    <message>
      <source>打印考核表</source>
      <translation>Print assessment forms</translation>
    </message>
    <message>
      <source>打印信息快报</source>
      <translation>Print bulletin</translation>
    </message>
    <message>
      <source>查看诉求人完整电话</source>
      <translation>View requester's full phone</translation>
    </message>
    <message>
      <source>载入北海市区划</source>
      <translation>Load Beihai divisions</translation>
    </message>
    <message>
      <source>登记进网格专业人员</source>
      <translation>Register grid professional</translation>
    </message>
    <message>
      <source>新增网格人员</source>
      <translation>Add grid staff</translation>
    </message>
    <message>
      <source>确定网格挂点领导等职务</source>
      <translation>Assign grid leadership</translation>
    </message>
    <message>
      <source>网格挂点领导等职务卸任</source>
      <translation>End grid leadership</translation>
    </message>
    <message>
      <source>网格人员离任</source>
      <translation>End grid staff role</translation>
    </message>
    <message>
      <source>导出网格人员</source>
      <translation>Export grid staff</translation>
    </message>
    <message>
      <source>导入网格人员</source>
      <translation>Import grid staff</translation>
    </message>
    <message>
      <source>登记专业人员进网格</source>
      <translation>Log professional visit</translation>
    </message>
    <message>
      <source>登记网格工作</source>
      <translation>Log grid work</translation>
    </message>
    <message>
      <source>修改人员信息</source>
      <translation>Edit person</translation>
    </message>
    <message>
      <source>修改网格员配备规则</source>
      <translation>Change staffing rule</translation>
    </message>
    <message>
      <source>新增用户</source>
      <translation>Add user</translation>
    </message>
    <message>
      <source>修改本人密码</source>
      <translation>Change own password</translation>
    </message>
    <message>
      <source>停用账号</source>
      <translation>Disable account</translation>
    </message>
    <message>
      <source>启用账号</source>
      <translation>Enable account</translation>
    </message>
    <message>
      <source>授予角色</source>
      <translation>Grant role</translation>
    </message>
    <message>
      <source>登录</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>修改密码最长使用天数</source>
      <translation>Change maximum password age</translation>
    </message>
    <message>
      <source>查阅用户账号</source>
      <translation>Read accounts</translation>
    </message>
    <message>
      <source>重置密码</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <source>撤销角色</source>
      <translation>Revoke role</translation>
    </message>
  </context>
  <context>
    <name>AuditLogWindow</name>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="118" />
      <source>审计日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="119" />
      <source>日期从</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="119" />
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="119" />
      <source>用户</source>
      <translation>User</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="120" />
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="120" />
      <source>内容</source>
      <translation>Message</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="120" />
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="121" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="123" />
      <source>不限</source>
      <translation>Any</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="124" />
      <source>用户名或系统用户</source>
      <translation>User name or OS user</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="125" />
      <source>名称或代码,如 登录 或 cases.</source>
      <translation>Name or code, e.g. Log in or cases.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="126" />
      <source>内容或对象中的文字</source>
      <translation>Text in the message or target</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="127" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="129" />
      <source>查询</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="130" />
      <source>校验完整性</source>
      <translation>Verify integrity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="131" />
      <source>审计记录</source>
      <translation>Audit records</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="132" />
      <source>重新计算整个审计日志的哈希链,查出被修改、删除或插入的记录</source>
      <translation>Recompute the hash chain of the whole audit log to find entries changed, removed or inserted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="147" />
      <source>全部(权限范围内)</source>
      <translation>All (within your scope)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="202" />
      <source>查询中…</source>
      <translation>Searching...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="204" />
      <source>共 {0} 条,已列出最新的 {1} 条(滚动到底部列出更多)</source>
      <translation>Total: {0}; the newest {1} listed (scroll to the end for more)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="206" />
      <source>共 {0} 条</source>
      <translation>Total: {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="235" />
      <source>正在校验审计日志的哈希链…</source>
      <translation>Verifying the audit log's hash chain...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="238" />
      <source>审计日志 {0} 条,哈希链完整</source>
      <translation>Audit log entries: {0}; the hash chain is intact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="240" />
      <source>审计日志 {0} 条,发现 {1} 处问题:</source>
      <translation>Audit log entries: {0}; problems found: {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="241" />
      <source>记录 {0}:{1}</source>
      <translation>Entry {0}: {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit/window.py" line="244" />
      <source>……另有 {0} 处</source>
      <translation>... and {0} more</translation>
    </message>
    <message>
      <source>与前一条记录的哈希不连续(记录被删除或插入)</source>
      <translation>does not follow on from the previous entry's hash (an entry removed or inserted)</translation>
    </message>
    <message>
      <source>内容与哈希不符(记录被篡改)</source>
      <translation>content does not match its hash (entry altered)</translation>
    </message>
  </context>
  <context>
    <name>CalendarWarning</name>
    <message>
      <location filename="../../desktop/views/calendar/warning.py" line="35" />
      <source>%1 年的法定节假日和调休安排程序未内置,也没有录入:未办结案件在该年的期限暂按周一至周五计算,可能不准。国务院公布该年安排后(通常在上一年年底前),请录入。</source>
      <translation>The statutory holidays and make-up workdays of %1 are not built into the program and have not been entered: open cases' deadlines in that year are counted Monday to Friday for now and may be wrong. Enter them once the State Council has published that year's schedule (usually before the end of the year before).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/warning.py" line="37" />
      <source>录入该年安排…</source>
      <translation>Enter the holiday schedule...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/warning.py" line="39" />
      <source>%1 年的法定节假日和调休安排程序未内置,也没有录入:未办结案件在该年的期限暂按周一至周五计算,可能不准。工作日历全市统一,国务院公布该年安排后,请市级管理员录入。</source>
      <translation>The statutory holidays and make-up workdays of %1 are not built into the program and have not been entered: open cases' deadlines in that year are counted Monday to Friday for now and may be wrong. The working calendar is one for the whole city: once the State Council has published that year's schedule, ask the city administrator to enter it.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/warning.py" line="41" />
      <source>查看工作日历(请市级管理员录入)…</source>
      <translation>View working-day calendar (the city administrator enters it)...</translation>
    </message>
  </context>
  <context>
    <name>CalendarWindow</name>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="57" />
      <source>选择节假日安排文件</source>
      <translation>Choose the holiday schedule file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="58" />
      <source>CSV 文件 (*.csv);;所有文件 (*)</source>
      <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="107" />
      <source>安排不完整</source>
      <translation>Schedule incomplete</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="108" />
      <source>每年的安排都有元旦、春节、清明节、劳动节、端午节、中秋节和国庆节;以下未录入:</source>
      <translation>Every year's schedule has New Year's Day, the Spring Festival, Qingming, Labour Day, the Dragon Boat Festival, the Mid-Autumn Festival and National Day; these are missing:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="111" />
      <source>如仍录入,该年即算作已录入、不再提示,未录入的节假日按工作日计算期限。仍然录入?</source>
      <translation>If you enter it anyway, the year counts as entered and no longer carries a warning; the missing holidays count as working days in deadlines. Enter it anyway?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="395" />
      <source>工作日历</source>
      <translation>Working-day calendar</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="396" />
      <source>年份</source>
      <translation>Year</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="397" />
      <source>节假日和调休上班日</source>
      <translation>Holidays and make-up workdays</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="398" />
      <source>录入全年安排…</source>
      <translation>Enter the whole year...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="399" />
      <source>逐行录入程序未内置也未录入的年份的全部节假日和调休上班日,一次保存</source>
      <translation>Enter, row by row, every statutory holiday and make-up workday of a year neither built in nor entered, and save them at once</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="400" />
      <source>录入一天…</source>
      <translation>Enter a day...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="401" />
      <source>已录入全年安排的年份中增补一天;或任何年份的广西地方节假日(如壮族三月三)</source>
      <translation>Add one day to a year entered as a whole, or a Guangxi regional day (such as Sanyuesan) to any year</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="402" />
      <source>删除所选日期</source>
      <translation>Remove selected day</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="403" />
      <source>导入 CSV…</source>
      <translation>Import CSV...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="404" />
      <source>每行:日期,类别,名称,如 2027-02-06,调休上班,春节调休;类别为 holiday/法定节假日 或 workday/调休上班。导入的年份如已有录入,先询问是否整体替换。</source>
      <translation>Each row: date,category,name, e.g. 2027-02-06,workday,Spring Festival make-up workday; the category is holiday (statutory holiday) or workday (make-up workday). If a year in the file already has entered days, you are asked before they are replaced as a whole.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="407" />
      <source>工作日历全市统一:只有市级管理员可以录入、删除或导入节假日安排</source>
      <translation>The working calendar is one for the whole city: only the city administrator can enter, remove or import holidays</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="417" />
      <source>%1 年:%2。</source>
      <translation>%1: %2.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="419" />
      <source>%1 年:%2。请用“录入全年安排…”逐行录入该年全部法定节假日和调休上班日,或“导入 CSV…”;全年录入后可逐日增删(“录入一天…”在此之前只录入广西地方节假日)。</source>
      <translation>%1: %2. Enter all of the year's statutory holidays and make-up workdays with “Enter whole year...” or “Import CSV...”; then days can be added or removed one by one (until then “Add a day...” takes Guangxi regional days only).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="422" />
      <source>%1 年:%2。请市级管理员录入该年全部安排。</source>
      <translation>%1: %2. Please ask the city administrator to enter the year's whole schedule.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="425" />
      <source>另有广西地方节假日 %3 天。</source>
      <translation> Plus %3 Guangxi regional day(s).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="432" />
      <source>正在保存并重算期限,完成后再关闭</source>
      <translation>Saving and recounting deadlines; close once it is done</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="483" />
      <source>已录入 %1 年全年安排 %2 天。</source>
      <translation>Entered the whole schedule of %1: %2 days.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="491" />
      <source>已录入 %1 %2。</source>
      <translation>Entered %1 (%2).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="497" />
      <source>删除 %1?该日将按国务院的安排(或该年录入的全年安排)计算,期限随之重算。</source>
      <translation>Remove %1? The day will count as the State Council's schedule (or the year entered here) says, and deadlines are recounted.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="499" />
      <source>删除 %1?该日将按平常的周一至周五计算,未办结期限随之重算。</source>
      <translation>Remove %1? The day will count as usual by the Monday-to-Friday week, and open deadlines will be recounted.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="500" />
      <source>删除日期</source>
      <translation>Remove day</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="503" />
      <source>已删除 %1。</source>
      <translation>Removed %1.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="519" />
      <source>未导入:请补全文件中该年的安排后再导入。</source>
      <translation>Not imported: complete the year's schedule in the file, then import it.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="523" />
      <source>%1 年已录入 %2 天</source>
      <translation>%2 days already entered for %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="525" />
      <source>替换已录入的安排</source>
      <translation>Replace the entered days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="526" />
      <source>%1。导入将整体替换这些年份已录入的全部日期,替换?</source>
      <translation>%1. The import replaces every day entered for these years. Replace them?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="529" />
      <source>未导入:已录入的安排保持不变。</source>
      <translation>Not imported: the entered days are unchanged.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="535" />
      <source>已导入 %1 年节假日安排 %2 天(替换原有录入 %3 天)。</source>
      <translation>Imported %2 days of holidays and make-up workdays for %1 (replacing %3 days entered before).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="536" />
      <source>已导入 %1 年节假日安排 %2 天。</source>
      <translation>Imported %2 days of holidays and make-up workdays for %1.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="544" />
      <source>正在保存并重算未办结案件的期限…</source>
      <translation>Saving and recounting the deadlines of open cases...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="551" />
      <source>%1 项期限随之重算(承办、督办、回访及紧急情况终报)。</source>
      <translation>%1 deadlines recounted with it (shares, supervision, callbacks and emergency final reports).</translation>
    </message>
  </context>
  <context>
    <name>CallbackWorkbench</name>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="62" />
      <source>回访工作台</source>
      <translation>Callback desk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="65" />
      <source>应回访时间</source>
      <translation>Callback due</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="65" />
      <source>案件编号</source>
      <translation>Case number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="65" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="65" />
      <source>诉求人</source>
      <translation>Requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="66" />
      <source>案件状态</source>
      <translation>Case state</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="75" />
      <source>双击打开案件详情</source>
      <translation>Double-click to open the case</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="76" />
      <source>待回访</source>
      <translation>Callbacks due</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="91" />
      <source>已联系上诉求人</source>
      <translation>Requester reached</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="94" />
      <source>已解决</source>
      <translation>Resolved</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="95" />
      <source>未解决</source>
      <translation>Not resolved</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="100" />
      <source>请选择</source>
      <translation>Choose</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="114" />
      <source>本人(%1)</source>
      <translation>Myself (%1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="115" />
      <source>记录回访</source>
      <translation>Record callback</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="117" />
      <source>回访人</source>
      <translation>Called back by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="118" />
      <source>回访方式</source>
      <translation>Method</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="120" />
      <source>是否解决</source>
      <translation>Resolved?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="121" />
      <source>满意度</source>
      <translation>Satisfaction</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="122" />
      <source>后续处理</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="123" />
      <source>回访记录</source>
      <translation>Callback notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="182" />
      <source>案件 %1 的回访已由其他值班台记录(或不再需要回访),刚填写的回答未保存,已清空</source>
      <translation>The callback of case %1 was recorded at another desk (or is no longer due); the answer being filled in was not saved and has been cleared</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="219" />
      <source>诉求未解决或诉求人不满意,须在“后续处理”中选择重办或督办(第二十条)</source>
      <translation>The request is unsolved or the requester unsatisfied: choose reopen or supervise under “Follow-up” (Art. 20)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="231" />
      <source>已换到另一件回访(案件 %1),原先填写的回答未保存,已清空</source>
      <translation>Moved to another callback (case %1): the answer begun was not saved and has been cleared</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="270" />
      <source>拨打:%1</source>
      <translation>Call: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="272" />
      <source>诉求人未留电话,请上门回访</source>
      <translation>The requester left no phone: call back in person</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="274" />
      <source>并入本案的重复诉求人,请一并告知:%1</source>
      <translation>Requesters of duplicates merged into this case — tell them too: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="287" />
      <source>承办单位的回访负责人(第二十条);由本人回访的留空</source>
      <translation>The handling department's person responsible for callbacks (Article 20); leave empty if you called yourself</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="288" />
      <source>承办单位未登记回访负责人;由本人回访的留空</source>
      <translation>The handling department has no person responsible for callbacks on record; leave empty if you called yourself</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="306" />
      <source>暂缓理由:%1;已向诉求人解释:%2</source>
      <translation>On hold: %1; explained to the requester: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="307" />
      <location filename="../../desktop/views/cases/callback_workbench.py" line="309" />
      <source>(未记录)</source>
      <translation>(not recorded)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="309" />
      <source>办理结果:%1</source>
      <translation>Result: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/callback_workbench.py" line="311" />
      <source>第 %1 次回访:此前 %2 次未联系上诉求人</source>
      <translation>Attempt %1: the requester was not reached the previous %2 time(s)</translation>
    </message>
  </context>
  <context>
    <name>CaseDetail</name>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="846" />
      <source>案件详情</source>
      <translation>Case details</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="847" />
      <source>请先在案件队列中选择一件案件</source>
      <translation>Select a case in the case queue first</translation>
    </message>
  </context>
  <context>
    <name>CaseDetailDialog</name>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="70" />
      <source>本单位签收期限:</source>
      <translation>Our sign-for deadline: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="71" />
      <source>本单位联系期限:</source>
      <translation>Our contact deadline: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="72" />
      <source>本单位办理期限:</source>
      <translation>Our handling deadline: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="75" />
      <source>向主办单位报送结果</source>
      <translation>Report result to the lead</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="76" />
      <source>报送主办单位的办理结果(由主办单位汇总后反馈网格化服务管理机构和诉求人)</source>
      <translation>Result reported to the lead department (which feeds the whole back to the grid-management center and the requester)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="254" />
      <source>承办单位</source>
      <translation>Handling unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="254" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="254" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="254" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="255" />
      <source>签收期限</source>
      <translation>Sign for by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="255" />
      <source>联系诉求人期限</source>
      <translation>Contact by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="255" />
      <source>办理期限</source>
      <translation>Handle by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="256" />
      <location filename="../../desktop/views/cases/case_detail.py" line="406" />
      <location filename="../../desktop/views/cases/case_detail.py" line="831" />
      <source>办理结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="288" />
      <source>承办情况</source>
      <translation>Handling units</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="292" />
      <source>办理过程</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="335" />
      <source>其他终端刚更新了这件案件,已重新载入({time})</source>
      <translation>Another desktop has just updated this case; reloaded ({time})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="358" />
      <source>延期申请待中心审批(申请于 %1)</source>
      <translation>Extension request awaiting the center's decision (asked %1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="359" />
      <source>管辖异议待中心处理(提出于 %1)</source>
      <translation>Jurisdiction objection awaiting the center's decision (raised %1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="384" />
      <source>%1:%2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="393" />
      <source>{level}:{reason},期限 {due}</source>
      <translation>{level}: {reason}, due {due}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="396" />
      <source>{level}:{reason},已由{newer}取代({when})</source>
      <translation>{level}: {reason}, superseded by {newer} ({when})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="403" />
      <source>退回前的办理结果</source>
      <translation>Result before it was sent back</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="405" />
      <source>重办前的办理结果</source>
      <translation>Result before the reopening</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="416" />
      <source>案件 {number}</source>
      <translation>Case {number}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="419" />
      <source>紧急</source>
      <translation>Urgent</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="425" />
      <source>期限:</source>
      <translation>Deadline: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="425" />
      <source>计时暂停,待中心决定</source>
      <translation>clock stopped until the center decides</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="433" />
      <source>本单位:计时暂停,待中心决定</source>
      <translation>Ours: clock stopped until the center decides</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="439" />
      <source>办理机构</source>
      <translation>Handled by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="439" />
      <source>已上报%1,由%1网格化服务管理机构办理;本级可查看进展,不能办理(第五条)</source>
      <translation>Escalated to %1: handled by the grid management institution of %1; followed here, not handled (Art. 5)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="441" />
      <source>诉求内容</source>
      <translation>Request</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="442" />
      <source>诉求人</source>
      <translation>Requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="443" />
      <source>渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="444" />
      <source>事项</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="445" />
      <source>未指定事项(类别:%1)</source>
      <translation>No matter item (category: %1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="446" />
      <source>位置</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="447" />
      <source>受理时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="448" />
      <source>暂缓理由</source>
      <translation>Reason for hold</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="448" />
      <source>解释情况</source>
      <translation>Explanation given</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="449" />
      <location filename="../../desktop/views/cases/case_detail.py" line="454" />
      <source>并入案件</source>
      <translation>Merged into</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="450" />
      <source>并入的重复诉求</source>
      <translation>Duplicates merged in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="451" />
      <location filename="../../desktop/views/cases/case_detail.py" line="752" />
      <location filename="../../desktop/views/cases/case_detail.py" line="766" />
      <location filename="../../desktop/views/cases/case_detail.py" line="770" />
      <source>督办</source>
      <translation>Supervise</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="452" />
      <source>回访</source>
      <translation>Callback</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="474" />
      <source>(计时暂停)</source>
      <translation> (clock paused)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="487" />
      <source>待回访(第 {attempt} 次,前 {before} 次未联系上),期限 {due}</source>
      <translation>To call back (attempt {attempt}; {before} not reached), due {due}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="489" />
      <source>待回访,期限 {due}</source>
      <translation>pending, due {due}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="503" />
      <source>已于 %1 联系</source>
      <translation>Contacted %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="515" />
      <source>本单位:已向主办单位反馈,待主办单位汇总报送中心</source>
      <translation>Ours: result reported to the lead department, which reports the whole to the center</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="516" />
      <source>本单位:已反馈,待中心核查</source>
      <translation>Ours: result reported, awaiting the center's review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="638" />
      <location filename="../../desktop/views/cases/case_detail.py" line="693" />
      <source>%1(%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="640" />
      <source>,相距 %1 米</source>
      <translation>, %1 m away</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="643" />
      <source>网格(可输入名称或 15 位代码查找)</source>
      <translation>Grid (type a name or the 15-digit code to find it)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="648" />
      <source>请从列表中选择网格:“%1”与本乡镇(街道)在用的网格都不相符,或与不止一个相符;也可输入网格的 15 位代码</source>
      <translation>Choose a grid from the list: “%1” matches none of the township's grids in use, or more than one; a grid's 15-digit code may be typed too</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="656" />
      <source>%1 %2(相距 %3 米)</source>
      <translation>%1 %2 (%3 m away)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="658" />
      <source>并入的案件(选择疑似重复案件,或输入案件编号)</source>
      <translation>Merge into (pick a suspected duplicate, or type a case number)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="664" />
      <source>撤销并入 %1 的理由(如:核实后并非同一诉求)</source>
      <translation>Why it no longer goes with %1 (e.g. found not to be the same request)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="668" />
      <source>就地办结情况</source>
      <translation>How it was resolved on the spot</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="675" />
      <source>上报至%1,上报理由</source>
      <translation>Escalate to %1 — reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="681" />
      <source>下派至%1,下派说明</source>
      <translation>Assign down to %1 — note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="696" />
      <source>协办单位(可输入名称的一部分查找)</source>
      <translation>Co-handler (type part of a name to find it)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="703" />
      <source>请从列表中选择协办单位:“%1”与可选单位都不相符,或与不止一个相符</source>
      <translation>Choose the co-handling department from the list: “%1” matches none of the departments offered, or more than one</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="707" />
      <source>增加协办的理由(如:原协办单位异议成立,改由该单位协办)</source>
      <translation>Why this co-handler is added (e.g. the former co-handler's objection was upheld)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="716" />
      <source>撤回哪个单位的协办</source>
      <translation>Withdraw which co-handler</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="723" />
      <source>请从列表中选择正在协办的单位</source>
      <translation>Choose a co-handler at work from the list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="725" />
      <source>撤回协办的理由(如:逾期未向主办单位报送,经协调不再协办)</source>
      <translation>Reason for withdrawing (e.g. did not report to the lead in time; after coordination it no longer co-handles)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="731" />
      <source>核查</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="731" />
      <source>核查办理结果:通过并结案,还是退回承办单位重新办理?</source>
      <translation>Review the result: approve and close, or send it back to the lead department?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="732" />
      <source>通过并结案</source>
      <translation>Approve and close</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="732" />
      <source>退回重办…</source>
      <translation>Send back...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="735" />
      <source>退回理由</source>
      <translation>Reason for sending back</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="739" />
      <source>暂缓理由(客观原因)</source>
      <translation>Reason for hold (objective cause)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="740" />
      <source>向诉求人所作解释</source>
      <translation>Explanation given to the requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="744" />
      <source>重办理由</source>
      <translation>Reason for reopening</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="752" />
      <source>督办级别</source>
      <translation>Supervision level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="753" />
      <source>督办事由</source>
      <translation>Reason for supervision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="766" />
      <source>督办期限(北京时间;默认 %1 小时后)</source>
      <translation>Deadline of the supervision order (Beijing time; by default %1 hours from now)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="770" />
      <source>督办期限(至该日 24:00;默认 %1 个工作日)</source>
      <translation>Deadline of the supervision order (to 24:00 of that day; by default %1 working days)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="786" />
      <source>审批延期</source>
      <translation>Decide extension</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="786" />
      <source>同意延期申请?</source>
      <translation>Approve the extension request?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="787" />
      <source>同意延期</source>
      <translation>Grant the extension</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="787" />
      <source>不同意</source>
      <translation>Refuse</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="788" />
      <source>不同意延期的理由(将告知申请单位)</source>
      <translation>Reason for refusing the extension (the department asking is told)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="796" />
      <source>管辖异议</source>
      <translation>Jurisdiction objection</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="796" />
      <source>异议成立并撤回派遣?</source>
      <translation>Uphold the objection and withdraw the dispatch?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="797" />
      <source>异议成立,撤回派遣</source>
      <translation>Uphold: withdraw the dispatch</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="797" />
      <source>异议不成立,继续办理</source>
      <translation>Dismiss: carry on handling</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="798" />
      <source>异议不成立的理由(将告知提出异议的单位)</source>
      <translation>Reason the objection does not stand (the department objecting is told)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="808" />
      <source>联系情况</source>
      <translation>Contact notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="814" />
      <source>阶段性工作情况(不能按期办结的,请一并写明理由)</source>
      <translation>Progress so far (if it cannot be finished in time, give the reason too)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="820" />
      <source>申请延期</source>
      <translation>Request extension</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="820" />
      <source>延期多少%1(不超过原办理时限 %2 %1)</source>
      <translation>Extension in %1 (at most the original limit of %2 %1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="822" />
      <source>延期理由</source>
      <translation>Reason for extension</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="826" />
      <source>异议理由</source>
      <translation>Grounds of objection</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="835" />
      <source>办理期限已过,请说明逾期理由</source>
      <translation>The deadline has passed: why is it late?</translation>
    </message>
    <message>
      <source>指定网格</source>
      <translation>Assign grid</translation>
    </message>
    <message>
      <source>合并</source>
      <translation>Merge</translation>
    </message>
    <message>
      <source>撤销合并</source>
      <translation>Undo merge</translation>
    </message>
    <message>
      <source>就地办结</source>
      <translation>Resolve on the spot</translation>
    </message>
    <message>
      <source>上报</source>
      <translation>Escalate</translation>
    </message>
    <message>
      <source>下派</source>
      <translation>Assign down</translation>
    </message>
    <message>
      <source>派遣</source>
      <translation>Dispatch</translation>
    </message>
    <message>
      <source>增加协办单位</source>
      <translation>Add co-handler</translation>
    </message>
    <message>
      <source>撤回协办单位</source>
      <translation>Withdraw co-handler</translation>
    </message>
    <message>
      <source>暂缓</source>
      <translation>Put on hold</translation>
    </message>
    <message>
      <source>重办</source>
      <translation>Reopen</translation>
    </message>
    <message>
      <source>签收</source>
      <translation>Sign for</translation>
    </message>
    <message>
      <source>联系诉求人</source>
      <translation>Contact requester</translation>
    </message>
    <message>
      <source>报送阶段情况</source>
      <translation>Report progress</translation>
    </message>
    <message>
      <source>提出管辖异议</source>
      <translation>Object to jurisdiction</translation>
    </message>
    <message>
      <source>反馈办理结果</source>
      <translation>Report result</translation>
    </message>
    <message>
      <source>处理管辖异议</source>
      <translation>Decide objection</translation>
    </message>
  </context>
  <context>
    <name>CaseRulesDialog</name>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="19" />
      <source>期限与回访规则(《条例》第二十条)</source>
      <translation>Deadline and callback rules (Regulation Art. 20)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="21" />
      <source>结案后回访</source>
      <translation>Callback after closing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="21" />
      <source>个工作日内</source>
      <translation>working days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="22" />
      <source>暂缓案件回访间隔</source>
      <translation>Held cases called back every</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="22" />
      <source>天</source>
      <translation>days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="23" />
      <source>基本满意的再次回访</source>
      <translation>Basically satisfied: call back again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="23" />
      <source>个工作日后</source>
      <translation>working days later</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="24" />
      <source>未联系上诉求人时最多回访</source>
      <translation>Attempts to reach the requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="24" />
      <source>次(每次在不同日期)</source>
      <translation>times (each on a different day)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="32" />
      <source>不再回访</source>
      <translation>not again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="35" />
      <source>延期或管辖异议待决定期间暂停计时</source>
      <translation>Stop the clock while an extension or objection is decided</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="37" />
      <source>回访时限适用于保存之后排定的回访;暂停计时适用于保存之后提出的延期申请和管辖异议,暂停的时间在决定时按工作时间补回;已超期的承办任务不暂停。</source>
      <translation>Callback limits apply to callbacks scheduled after saving; the clock pause applies to extension requests and objections raised after saving, and the paused time is given back in working time when they are decided; a share already overdue is not paused.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_rules_dialog.py" line="39" />
      <source>只有维护全市工作日历的用户可以修改这些规则。</source>
      <translation>Only users who keep the city-wide working calendar may change these rules.</translation>
    </message>
  </context>
  <context>
    <name>CitySettingsDialog</name>
    <message>
      <location filename="../../desktop/views/city_settings.py" line="30" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../desktop/views/city_settings.py" line="32" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ConfirmForm</name>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="77" />
      <source>确认整改</source>
      <translation>Confirm rectification</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="83" />
      <source>整改期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="84" />
      <source>确认%1已整改完毕?</source>
      <translation>Confirm that %1 has completed the rectification?</translation>
    </message>
  </context>
  <context>
    <name>ConformancePanel</name>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="31" />
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="39" />
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="73" />
      <source>条例对照表</source>
      <translation>Regulation checklist</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="34" />
      <source>条款</source>
      <translation>Article</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="34" />
      <source>内容要点</source>
      <translation>Key points</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="34" />
      <source>实现功能</source>
      <translation>Implemented by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="34" />
      <source>检验测试</source>
      <translation>Tests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="40" />
      <source>导出 PDF…</source>
      <translation>Export PDF...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="61" />
      <source>(暂无测试)</source>
      <translation>(no tests yet)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="62" />
      <source>第{0}条 {1}</source>
      <translation>Art. {0} {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="67" />
      <source>{0} 条中 {1} 条有测试检验;测试清单由测试中的标记生成(来源:{2})</source>
      <translation>{1} of {0} articles are checked by tests; the list is generated from the tests' markers (source: {2})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="70" />
      <source>共 {0} 条;本安装不含测试,测试数不可用</source>
      <translation>{0} articles; this installation does not include the tests, so they cannot be counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="73" />
      <source>导出条例对照表</source>
      <translation>Export regulation checklist</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/conformance_panel.py" line="76" />
      <source>条例对照表已导出到 {0}</source>
      <translation>Conformance report written to {0}</translation>
    </message>
  </context>
  <context>
    <name>ContactForm</name>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="84" />
      <source>联系人职责</source>
      <translation>Contact's duties</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="84" />
      <source>新增联系人</source>
      <translation>New contact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="86" />
      <source>回访负责人:回访提出诉求的单位和个人(条例第二十条)</source>
      <translation>Responsible person: calls back those who made the request (Art. 20)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="87" />
      <source>业务指导人员:对清单事项进行业务指导(条例第十三条)</source>
      <translation>Guidance contact: guides the work on the department's listed matters (Art. 13)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="90" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="91" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
  </context>
  <context>
    <name>ContactsModel</name>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="51" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="51" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="52" />
      <source>职责</source>
      <translation>Duties</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="55" />
      <source>回访负责人(条例第二十条)</source>
      <translation>Responsible person (Art. 20)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="56" />
      <source>业务指导人员(条例第十三条)</source>
      <translation>Guidance contact (Art. 13)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="57" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
  </context>
  <context>
    <name>Countdown</name>
    <message>
      <location filename="../../desktop/views/countdown.py" line="23" />
      <source>%1天%2小时</source>
      <translation>%1 d %2 h</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="25" />
      <source>%1小时</source>
      <translation>%1 h</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="26" />
      <source>%1分钟</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="32" />
      <source>无期限</source>
      <translation>No deadline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="35" />
      <source>剩余 {span}</source>
      <translation>{span} left</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="37" />
      <source>已逾期 {span}</source>
      <translation>{span} overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/countdown.py" line="38" />
      <source>{when}({mark})</source>
      <translation>{when} ({mark})</translation>
    </message>
  </context>
  <context>
    <name>DayForm</name>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="154" />
      <source>录入一天</source>
      <translation>Enter a day</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="157" />
      <source>如:春节、壮族三月三</source>
      <translation>e.g. Spring Festival, Sanyuesan</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="158" />
      <source>广西地方节假日(国务院安排之外,如壮族三月三)</source>
      <translation>Guangxi regional day (outside the State Council's schedule, such as Sanyuesan)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="162" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="163" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="164" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
  </context>
  <context>
    <name>DaysModel</name>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="49" />
      <source>周一</source>
      <translation>Mon</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="49" />
      <source>周二</source>
      <translation>Tue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="50" />
      <source>周三</source>
      <translation>Wed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="50" />
      <source>周四</source>
      <translation>Thu</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="51" />
      <source>周五</source>
      <translation>Fri</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="51" />
      <source>周六</source>
      <translation>Sat</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="52" />
      <source>周日</source>
      <translation>Sun</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="63" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="63" />
      <source>星期</source>
      <translation>Weekday</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="64" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="64" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="65" />
      <source>适用</source>
      <translation>Applies to</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="69" />
      <source>广西地方</source>
      <translation>Guangxi</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="73" />
      <source>全国(%1 年安排)</source>
      <translation>Nationwide (%1 schedule)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="74" />
      <source>全国</source>
      <translation>Nationwide</translation>
    </message>
  </context>
  <context>
    <name>DepartmentForm</name>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="31" />
      <source>编辑联动部门</source>
      <translation>Edit linked department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="31" />
      <source>新增联动部门</source>
      <translation>New linked department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="33" />
      <source>如 450503103-PCS</source>
      <translation>e.g. 450503103-PCS</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="34" />
      <source>默认同部门名称</source>
      <translation>Defaults to the department's name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="47" />
      <source>部门代码</source>
      <translation>Department code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="48" />
      <source>辖区(决定部门级别)</source>
      <translation>Territory (sets the level)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="49" />
      <location filename="../../desktop/views/departments/forms.py" line="71" />
      <source>部门名称</source>
      <translation>Department name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="50" />
      <location filename="../../desktop/views/departments/forms.py" line="71" />
      <source>简称</source>
      <translation>Short name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="51" />
      <location filename="../../desktop/views/departments/forms.py" line="71" />
      <source>办公电话</source>
      <translation>Office phone</translation>
    </message>
  </context>
  <context>
    <name>DepartmentsModel</name>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="21" />
      <source>代码</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="21" />
      <source>部门名称</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="22" />
      <source>简称</source>
      <translation>Short name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="22" />
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="23" />
      <source>辖区</source>
      <translation>Territory</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="23" />
      <source>上级部门</source>
      <translation>Department above</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="24" />
      <source>办公电话</source>
      <translation>Office phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="24" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="25" />
      <source>桌面签收</source>
      <translation>Signing at a desk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="30" />
      <source>在用</source>
      <translation>Active</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="30" />
      <source>已停用</source>
      <translation>Retired</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="31" />
      <source>有联络员账号</source>
      <translation>Has a liaison account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="31" />
      <source>无联络员账号,须电话通知</source>
      <translation>No liaison account: phone it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/models.py" line="45" />
      <source>该部门没有在用的联络员账号:派给它的案件无人能在桌面签收(条例第十八条),派遣后须电话通知。请在“人员 → 用户账号与权限”中为其添加联络员账号。</source>
      <translation>This department has no active liaison account: nobody can sign for the cases dispatched to it at a desk (Art. 18), so it must be told by phone. Add a liaison account for it in People → User accounts and roles.</translation>
    </message>
  </context>
  <context>
    <name>DepartmentsWindow</name>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="117" />
      <source>联动部门与联系人</source>
      <translation>Linked departments and contacts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="118" />
      <source>%1网格化服务管理机构维护的联动部门(条例第五条、第十二条)</source>
      <translation>Linked departments kept by the %1 grid management institution (Art. 5, 12)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="120" />
      <source>按代码、名称或辖区筛选</source>
      <translation>Filter by code, name or territory</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="121" />
      <source>显示已停用</source>
      <translation>Show retired</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="123" />
      <source>筛选部门</source>
      <translation>Filter departments</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="124" />
      <source>联动部门</source>
      <translation>Linked departments</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="125" />
      <source>联系人</source>
      <translation>Contacts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="126" />
      <source>新增部门…</source>
      <translation>New department...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="127" />
      <source>编辑…</source>
      <translation>Edit...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="128" />
      <source>上级部门…</source>
      <translation>Department above...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="130" />
      <source>恢复启用</source>
      <translation>Restore</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="130" />
      <source>停用…</source>
      <translation>Retire...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="131" />
      <source>新增联系人…</source>
      <translation>New contact...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="132" />
      <source>职责…</source>
      <translation>Duties...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="133" />
      <location filename="../../desktop/views/departments/window.py" line="288" />
      <source>移除联系人</source>
      <translation>Remove contact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="134" />
      <source>%1 的联系人</source>
      <translation>Contacts of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="135" />
      <source>联系人(先选中一个部门)</source>
      <translation>Contacts (choose a department first)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="267" />
      <source>停用部门</source>
      <translation>Retire department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="268" />
      <source>停用“%1”?停用后不再出现在派遣建议和部门选择中,历史案件仍保留其名称。</source>
      <translation>Retire “%1”? It will no longer be suggested for dispatch or offered in pickers; past cases keep its name.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/window.py" line="288" />
      <source>从本部门联系人中移除“%1”?</source>
      <translation>Remove “%1” from this department's contacts?</translation>
    </message>
  </context>
  <context>
    <name>DispatchDialog</name>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="57" />
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="90" />
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="222" />
      <source>派遣</source>
      <translation>Dispatch</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="61" />
      <source>请选择主办单位</source>
      <translation>Choose the lead department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="66" />
      <source>输入单位名称的一部分查找</source>
      <translation>Type part of a department's name to find it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="68" />
      <source>查找协办单位</source>
      <translation>Find co-handlers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="69" />
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="87" />
      <source>协办单位</source>
      <translation>Co-handlers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="85" />
      <source>主办(首接)单位</source>
      <translation>Lead department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="91" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="111" />
      <source>派遣 %1</source>
      <translation>Dispatch %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="114" />
      <source>现在派遣:%1 前签收,办理时限 %2 %3,%4 前办结</source>
      <translation>If dispatched now: to be signed for by %1; time limit %2 %3, to be finished by %4</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="118" />
      <source>%1 年的节假日安排尚未录入,期限暂按周一至周五计算</source>
      <translation>The holidays of %1 are not entered yet: deadlines are counted Monday to Friday for now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="139" />
      <source>已选协办单位:%1</source>
      <translation>Co-handlers chosen: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="149" />
      <source>%1 没有联络员账号,无人能在桌面签收(条例第十八条):派遣后请电话通知</source>
      <translation>%1 has no liaison account, so nobody can sign for the case at a desk (Art. 18): phone it after dispatching</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="150" />
      <source>%1 均没有联络员账号,无人能在桌面签收(条例第十八条):派遣后请电话通知</source>
      <translation>%1 have no liaison account, so nobody can sign for the case at a desk (Art. 18): phone them after dispatching</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="169" />
      <source> · 正在协办</source>
      <translation> · co-handling</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="170" />
      <source> · 管辖异议已成立</source>
      <translation> · objection upheld</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="171" />
      <source> · 正在协办,继续协办</source>
      <translation> · co-handling, carries on</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="203" />
      <source>(无推荐理由)</source>
      <translation>(no reason for the suggestion)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="207" />
      <source>事项清单为本案指定的 %1 对管辖提出的异议已被认定成立(条例第十八条第二款),不作推荐:请按案情另选主办单位(单位列表仅按层级、属地排列)</source>
      <translation>The department the matter list names for this case, %1, has had its jurisdiction objection upheld (Art. 18(2)), so none is recommended: choose another lead department by the case (the list is only ordered by level and territory)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="210" />
      <source>事项清单没有为本案指定可派的承办部门,不作推荐:请按案情选择主办单位(单位列表仅按层级、属地排列)</source>
      <translation>The matter list names no department for this case, so none is recommended: choose the lead department by the case (the list is only ordered by level and territory)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/dispatch_dialog.py" line="222" />
      <source>%1 对本案提出的管辖异议曾被认定成立(条例第十八条)。仍派其为主办单位?</source>
      <translation>%1's objection to this case's jurisdiction was upheld (Art. 18 of the Regulations). Make it the lead department again?</translation>
    </message>
  </context>
  <context>
    <name>DrillDownDialog</name>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="52" />
      <source>{0} · {1}:计入的记录</source>
      <translation>{0} · {1}: records counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="54" />
      <source>分母(应计)</source>
      <translation>Denominator (counted)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="55" />
      <source>分子(达标)</source>
      <translation>Numerator (met)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="59" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="59" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="59" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="59" />
      <source>完成</source>
      <translation>Completed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="60" />
      <source>达标</source>
      <translation>Met</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="66" />
      <source>分母或分子</source>
      <translation>Denominator or numerator</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="67" />
      <source>计入的记录</source>
      <translation>Records counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="70" />
      <source>本期含已结算月份({0}):下列为当前数据,可能与结算时的数字不同。</source>
      <translation>This period includes settled months ({0}): the rows below are current data and may differ from the figures at settlement.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="91" />
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="91" />
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="94" />
      <source>共 {0} 条</source>
      <translation>{0} in all</translation>
    </message>
  </context>
  <context>
    <name>DutyPhonesDialog</name>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="76" />
      <source>报送对象值班电话(《条例》第二十一条)</source>
      <translation>Duty-room phones of the levels reported to (Regulation Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="79" />
      <source>报告进度和主窗口提示条在每个待报环节旁显示报送对象及其值班电话。留空即不显示。</source>
      <translation>The reporting ladder and the main window’s banner show, beside each report owed, the level it goes to and its duty-room phone. Leave a phone empty to show none.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="80" />
      <source>值班电话由市级管理员全市统一录入;需要修改时请联系市级管理员。</source>
      <translation>The duty-room phones are entered city-wide by the city administrator; ask them to change one.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="87" />
      <source>如 0779-2020110</source>
      <translation>e.g. 0779-2020110</translation>
    </message>
  </context>
  <context>
    <name>DutyPhonesNote</name>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="83" />
      <source>%1的值班电话未录入:待报环节旁没有可拨打的号码。值班电话全市统一录入,请录入。</source>
      <translation>No duty phone entered for %1: there is no number to call beside the reports owed. Duty phones are entered city-wide; please enter them.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="85" />
      <source>%1的值班电话未录入:待报环节旁没有可拨打的号码。值班电话由市级管理员全市统一录入(菜单“紧急情况 → 报送对象值班电话…”,或命令行 griddesk-admin emergencies phones --set 区划代码=电话),请联系市级管理员。</source>
      <translation>No duty phone entered for %1: there is no number to call beside the reports owed. Duty phones are entered city-wide by the city administrator (menu “Emergencies → Duty-room phones of the levels reported to...”, or on the command line griddesk-admin emergencies phones --set CODE=PHONE); please ask the city administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="89" />
      <source>录入值班电话…</source>
      <translation>Enter duty phones...</translation>
    </message>
  </context>
  <context>
    <name>EmergencyBanner</name>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="34" />
      <source>%1(%2)</source>
      <translation>%1 (%2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="80" />
      <source>打开报告进度…</source>
      <translation>Open reporting progress...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="91" />
      <source>紧急情况 %1 起待值班长确认(%2 %3 %4)</source>
      <translation>Emergency reports awaiting the shift supervisor's acknowledgement: %1 (%2 %3 %4)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="101" />
      <source>%1 个报送环节已超时,请先补报:%2 %3 · %4,%5</source>
      <translation>%1 report step(s) overdue; report first: %2 %3 · %4, %5</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="106" />
      <source>%1 个报送环节即将到期,最早:%2 %3 · %4,%5</source>
      <translation>%1 report step(s) due soon, earliest: %2 %3 · %4, %5</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="111" />
      <source>%1值班电话未录入,请市级管理员录入</source>
      <translation>no duty phone entered for %1; ask the city administrator to enter it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/banner.py" line="112" />
      <source>;</source>
      <translation>; </translation>
    </message>
  </context>
  <context>
    <name>EmergencyReportDialog</name>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="208" />
      <source>报告紧急情况(《条例》第二十一条)</source>
      <translation>Report an emergency (Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="214" />
      <source>按经纬度所在网格确定</source>
      <translation>From the grid at the coordinates</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="215" />
      <source>所属乡镇(街道)</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="219" />
      <source>报送</source>
      <translation>Submit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="220" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="286" />
      <source>已报送紧急情况 %1</source>
      <translation>Emergency report %1 filed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="289" />
      <source>;%1:向%2报告,限 %3 前</source>
      <translation>; %1: report to %2 by %3</translation>
    </message>
  </context>
  <context>
    <name>EmergencyReportForm</name>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="61" />
      <source>请选择类型</source>
      <translation>Choose the type</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="66" />
      <source>请选择级别</source>
      <translation>Choose a level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="69" />
      <source>尚未发生(可能发生的情况,预警报告)</source>
      <translation>Not happened yet (a situation that may happen: a warning)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="82" />
      <source>未定位</source>
      <translation>No location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="84" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="159" />
      <source>经度</source>
      <translation>Longitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="85" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="159" />
      <source>纬度</source>
      <translation>Latitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="91" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="160" />
      <source>死亡</source>
      <translation>Dead</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="91" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="160" />
      <source>受伤</source>
      <translation>Injured</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="91" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="160" />
      <source>失踪</source>
      <translation>Missing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="96" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="161" />
      <source>尚在核实</source>
      <translation>still being verified</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="97" />
      <source>伤亡人数尚未核实时勾选,填目前已知的人数;终报前须核实</source>
      <translation>Tick while casualties are not yet verified and enter the numbers known so far; they must be verified before the final report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="103" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="157" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="104" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="157" />
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="105" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="157" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="108" />
      <source>时间未定</source>
      <translation>Time not known</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="114" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="130" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="158" />
      <source>发生时间</source>
      <translation>Occurred</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="118" />
      <source>默认为打开本表的时间;请改为实际接到报告的时间,各级报告时限从此时起算</source>
      <translation>Defaults to when this form was opened; set it to when the report actually came in — every reporting deadline counts from it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="119" />
      <source>获知时间</source>
      <translation>Learned of</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="120" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="158" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="121" />
      <source>经度 / 纬度</source>
      <translation>Longitude / latitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="122" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="159" />
      <source>涉及人数</source>
      <translation>People involved</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="123" />
      <source>伤亡</source>
      <translation>Casualties</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="124" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="161" />
      <source>事件概要</source>
      <translation>Summary</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="125" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="162" />
      <source>已采取的措施</source>
      <translation>Measures taken</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="130" />
      <location filename="../../desktop/views/emergencies/report_dialog.py" line="158" />
      <source>预计发生时间</source>
      <translation>Expected at</translation>
    </message>
  </context>
  <context>
    <name>EnterKey</name>
    <message>
      <location filename="../../desktop/views/enter_key.py" line="63" />
      <source>按空格键执行“%1”;打开窗口时自动获得焦点的按钮不响应回车,以免误操作</source>
      <translation>Press Space to take “%1”; a button a window gave the focus to as it opened does not take Enter, against mistakes</translation>
    </message>
  </context>
  <context>
    <name>EvaluationPanel</name>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="103" />
      <source>综合评价(第五条、第二十三条)</source>
      <translation>Evaluation (Art. 5, Art. 23)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="105" />
      <source>2026-10、2026-Q4 或 2026</source>
      <translation>2026-10, 2026-Q4 or 2026</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="112" />
      <source>计算</source>
      <translation>Calculate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="113" />
      <source>导出…</source>
      <translation>Export...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="114" />
      <source>打印考核表…</source>
      <translation>Print assessment form...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="115" />
      <source>结算本月…</source>
      <translation>Settle month...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="116" />
      <source>撤销结算…</source>
      <translation>Undo settlement...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="136" />
      <source>用户“{0}”没有综合评价的权限(第五条、第二十三条):考核数据由值班长或管理员查看;如需查看,请联系管理员。</source>
      <translation>User “{0}” may not evaluate (Art. 5, 23): assessment figures are for shift supervisors and admins; ask an admin if you need them.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="140" />
      <source>考核期</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="140" />
      <source>对象</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="143" />
      <source>考核得分</source>
      <translation>Scores</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="172" />
      <source>{0}尚未结束(至 {1}),结束后才能结算</source>
      <translation>{0} is not over yet (until {1}); it can be settled once it is over</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="175" />
      <source>冻结该月的考核数据:此后该月及其所在季度、年度按结算数据计算</source>
      <translation>Freeze the month's assessment data: from then on the month, its quarter and its year are calculated from the settled data</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="183" />
      <source>考核期或对象已更改:按“计算”得出其考核结果。</source>
      <translation>The period or the subjects changed: press Compute for their results.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="194" />
      <source>计算中…</source>
      <translation>Calculating...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="209" />
      <source>计算中…正在统计 {0}(第 {1}/{2} 个月,统计后保留,下次即时显示)</source>
      <translation>Calculating... counting {0} (month {1} of {2}; kept once counted, shown at once next time)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="220" />
      <source>{0} · {1} · {2}:{3} 个对象,{4} 个参与排名。双击比率查看计入的记录(诉求、报送环节或工作日志)。</source>
      <translation>{0} · {1} · {2}: subjects {3}, ranked {4}. Double-click a rate to see the records counted (requests, reporting rungs or work logs).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="225" />
      <source> {0} 个对象样本不足(应计少于 {1} 件),列于排名之后,不参与排名。</source>
      <translation> Subjects with too small a sample (fewer than {1} counted cases): {0}; listed after the ranked ones, without a rank.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="229" />
      <source> 其中 {0} 个本期无可考核数据(无数据)。</source>
      <translation> Of them, {0} have no data to assess in this period (no data).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="231" />
      <source> 参与排名的对象仅 {0} 个,不多于建议表彰的 {1} 名:表彰建议名单不提出表彰建议。</source>
      <translation> Ranked subjects: only {0}, no more than the {1} that would be proposed: the commendation list proposes none.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="234" />
      <source> 乡镇(街道)按整个乡镇考核:所选{0}属于{1}。</source>
      <translation> A township (subdistrict) is assessed as a whole: {0}, as chosen, lies in {1}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="237" />
      <source> 其中 {0} 为结算数据。</source>
      <translation> Settled data used for {0}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="240" />
      <source> 考核期至 {0} 尚未结束:所列为截至 {1} 的阶段数据,期末前仍会变化。</source>
      <translation> The period runs to {0} and is not over: the figures are interim, as of {1}, and will change until it ends.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="253" />
      <source>导出考核结果</source>
      <translation>Export assessment results</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="254" />
      <source>Excel 工作簿 (*.xlsx);;CSV (*.csv);;JSON (*.json)</source>
      <translation>Excel workbook (*.xlsx);;CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="258" />
      <source>考核结果已导出到 {0}</source>
      <translation>Assessment results written to {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="259" />
      <source>考核结果没有导出到 {0}</source>
      <translation>The results were not exported to {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="262" />
      <source>打印考核表</source>
      <translation>Print assessment form</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="266" />
      <source>考核表已保存到 {0},共 {1} 页</source>
      <translation>Assessment forms saved to {0}, {1} pages</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="267" />
      <source>考核表没有保存到 {0}</source>
      <translation>The assessment forms were not saved to {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="276" />
      <source>结算考核数据</source>
      <translation>Settle assessment data</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="277" />
      <source>结算 {0} 的考核数据?结算后,该月及其所在季度、年度的考核按结算时的数据计算,不再随后续办理变化;如需更正须撤销结算。</source>
      <translation>Settle the assessment data for {0}? Once settled, the month, its quarter and its year are assessed on the data as settled and no longer change with later handling; to correct them, the settlement must be undone.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="280" />
      <source>结算中…</source>
      <translation>Settling...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="282" />
      <source>已结算 {0},共 {1} 项数据。</source>
      <translation>Settled {0}: {1} records.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="288" />
      <source>撤销结算</source>
      <translation>Undo settlement</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="288" />
      <source>撤销 {0} 结算的理由:</source>
      <translation>Reason for undoing the settlement of {0}:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="292" />
      <source>已撤销 {0} 的结算。</source>
      <translation>Settlement of {0} undone.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/evaluation_panel.py" line="298" />
      <source>综合评价</source>
      <translation>Evaluation</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="86" />
      <location filename="../../desktop/views/exchange/export_dialog.py" line="146" />
      <source>导出诉求</source>
      <translation>Export requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="87" />
      <source>格式</source>
      <translation>Format</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="88" />
      <source>范围</source>
      <translation>Scope</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="89" />
      <source>CSV(Excel 可直接打开)</source>
      <translation>CSV (opens in Excel)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="89" />
      <source>Excel 工作簿 XLSX</source>
      <translation>Excel workbook XLSX</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="90" />
      <source>Open311 GeoReport v2 JSON</source>
      <translation>Open311 GeoReport v2 JSON</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="93" />
      <source>导出…</source>
      <translation>Export...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="96" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="101" />
      <source>可导出的全部地区</source>
      <translation>All areas you may export</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="104" />
      <source>待本中心办理</source>
      <translation>Waiting on this center</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="106" />
      <source>待分拨清单(未落网格)</source>
      <translation>Triage list (in no grid)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="108" />
      <source>待重点督办</source>
      <translation>Due for key supervision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="110" />
      <source>本单位%1</source>
      <translation>Ours: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="110" />
      <location filename="../../desktop/views/exchange/export_dialog.py" line="116" />
      <location filename="../../desktop/views/exchange/export_dialog.py" line="119" />
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="112" />
      <source>全部状态</source>
      <translation>All states</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="114" />
      <source>未办结</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="117" />
      <source>当前队列的筛选:%1,%2</source>
      <translation>Current queue filter: %1, %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="121" />
      <source>只含已超期</source>
      <translation>overdue only</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="123" />
      <source>只含督办</source>
      <translation>supervised only</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="125" />
      <source>含“%1”</source>
      <translation>containing “%1”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="127" />
      <source>共 %1 件</source>
      <translation>%1 cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="128" />
      <source>,</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="145" />
      <source>Open311 JSON</source>
      <translation>Open311 JSON</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="145" />
      <source>CSV 文件</source>
      <translation>CSV file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="145" />
      <source>Excel 工作簿</source>
      <translation>Excel workbook</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="146" />
      <source>诉求</source>
      <translation>cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="153" />
      <source>正在导出…</source>
      <translation>Exporting...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="155" />
      <source>已取消:没有写出文件</source>
      <translation>Cancelled: no file written</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="158" />
      <source>正在导出 %1/%2</source>
      <translation>Exporting %1/%2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="161" />
      <source>已导出 %1 件到 %2</source>
      <translation>Exported %1 cases to %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="163" />
      <source>。其中诉求人的联系电话已遮挡(本用户无权查看个人信息,Art. 15):这个文件再导入时会被拒绝;要把诉求转入其他系统,请由有权查看个人信息的用户导出</source>
      <translation>. Requesters' phones are masked (this user may not view personal data, Art. 15): the file will be refused if imported; to move the cases to another system, have a user who may view personal data export them</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_dialog.py" line="166" />
      <source>。Open311 文件不含诉求人的姓名和电话(个人信息只随 CSV、Excel 导出,Art. 15):据此导入的系统无法回访诉求人</source>
      <translation>. An Open311 file carries no requester's name or phone (personal data leaves only in CSV and Excel, Art. 15): a system importing it cannot call the requester back</translation>
    </message>
  </context>
  <context>
    <name>GovernancePanel</name>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="77" />
      <source>重点治理事项(第二十二条)</source>
      <translation>Key governance items (Art. 22)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="80" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="80" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="80" />
      <source>地区</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="80" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="81" />
      <source>诉求数</source>
      <translation>Requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="81" />
      <source>收到时段</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="81" />
      <source>中心(经度, 纬度)</source>
      <translation>Centre (lon, lat)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="82" />
      <source>复核日期</source>
      <translation>Review date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="82" />
      <source>责任部门</source>
      <translation>Responsible department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="82" />
      <source>事项</source>
      <translation>Item</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="89" />
      <source>重点治理事项</source>
      <translation>Key governance items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="92" />
      <source>检测反复发生的问题</source>
      <translation>Detect recurring problems</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="92" />
      <source>立项…</source>
      <translation>Take up...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="93" />
      <source>销号…</source>
      <translation>Close off...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="93" />
      <source>不予立项…</source>
      <translation>Decline...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="102" />
      <source>用户“{0}”没有督办权限:重点治理事项由值班长或管理员检测、立项和办理</source>
      <translation>User “{0}” may not supervise: key governance items are detected, accepted and handled by shift supervisors and admins</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="136" />
      <source>(到期)</source>
      <translation> (due)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="138" />
      <source>{0} 至 {1}</source>
      <translation>{0} to {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="146" />
      <source>共 {0} 项</source>
      <translation>{0} items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="169" />
      <source>销号</source>
      <translation>Close off</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="169" />
      <source>治理情况:</source>
      <translation>What was done:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="174" />
      <source>不予立项</source>
      <translation>Decline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/governance_panel.py" line="174" />
      <source>理由:</source>
      <translation>Reason:</translation>
    </message>
  </context>
  <context>
    <name>GrantForm</name>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="63" />
      <source>新增用户</source>
      <translation>New user</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="63" />
      <source>授予角色</source>
      <translation>Grant role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="70" />
      <source>(沿用账号所属的{0})</source>
      <translation>(the account's own: {0})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="71" />
      <source>(不属于联动部门)</source>
      <translation>(not a linked department's)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="78" />
      <source>字母、数字、下划线和点,如 qg_op3</source>
      <translation>Letters, digits, underscores and dots, e.g. qg_op3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="81" />
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="82" />
      <source>显示名</source>
      <translation>Display name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="83" />
      <source>初始密码</source>
      <translation>Initial password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="84" />
      <source>再输入一次</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="85" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="86" />
      <source>权限范围</source>
      <translation>Scope</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="87" />
      <source>所属联动部门</source>
      <translation>Linked department</translation>
    </message>
  </context>
  <context>
    <name>HardCasesDialog</name>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="159" />
      <source>{0} · {1}:计入的诉求</source>
      <translation>{0} · {1}: requests counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="162" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="162" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="162" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="162" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="163" />
      <source>受理时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="171" />
      <source>计入的诉求</source>
      <translation>Requests counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="194" />
      <source>共 {0} 件</source>
      <translation>{0} requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="196" />
      <source>列出最早受理的 {0} 件</source>
      <translation>The {0} received first are listed</translation>
    </message>
  </context>
  <context>
    <name>HotspotsPanel</name>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="86" />
      <source>{0}月</source>
      <translation>M{0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="207" />
      <source>高频与疑难问题分析(第二十二条)</source>
      <translation>Frequent and difficult problems (Art. 22)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="211" />
      <source>按{0}</source>
      <translation>By {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="212" />
      <source>分析</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="214" />
      <source>在地图上着色</source>
      <translation>Colour the map</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="217" />
      <source>各类诉求趋势(前五类)</source>
      <translation>Request trends (top five categories)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="219" />
      <source>诉求数量(按类别)</source>
      <translation>Requests by category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="221" />
      <source>持续时间长、解决难度大的问题(本期受理的诉求中)</source>
      <translation>Long-running, hard-to-solve problems (of the requests received in the period)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="222" />
      <source>诉求趋势</source>
      <translation>Request trend</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="222" />
      <source>诉求数量</source>
      <translation>Requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="223" />
      <source>疑难问题</source>
      <translation>Hard problems</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="227" />
      <source>点击一类问题,查看计入的诉求。只计本期受理的诉求:久拖未决是其中受理超过 {0} 天仍未办结的,看更早受理的请选更长的期间</source>
      <translation>Click a kind of problem to see the requests counted. Only requests received in the period count: long unresolved are those of them still open {0} days after they were received; for those received earlier, choose a longer period</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="232" />
      <source>期间</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="234" />
      <source>统计单位</source>
      <translation>Unit of time</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="250" />
      <source>统计中…</source>
      <translation>Counting...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="280" />
      <source>这段时间没有受理诉求</source>
      <translation>No requests received in this period</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="284" />
      <source>{0}:受理 {1} 件,涉及网格 {2} 个</source>
      <translation>{0}: {1} requests received in {2} grids</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="309" />
      <source>复制图片</source>
      <translation>Copy image</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="309" />
      <source>导出图片…</source>
      <translation>Export image...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="315" />
      <source>导出图表图片</source>
      <translation>Export chart image</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="317" />
      <source>PNG 图片 (*.png)</source>
      <translation>PNG image (*.png)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="319" />
      <source>无法写入 {0}</source>
      <translation>Cannot write {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/hotspots_panel.py" line="337" />
      <source>已在地图上为 {0} 个网格着色(颜色越深诉求越多)</source>
      <translation>Coloured {0} grids on the map (darker means more requests)</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="40" />
      <source>选择要导入的文件</source>
      <translation>Choose the file to import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="41" />
      <source>Open311 JSON 或诉求清单 CSV、XLSX (*.json *.csv *.xlsx)</source>
      <translation>Open311 JSON or case list CSV, XLSX (*.json *.csv *.xlsx)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="100" />
      <source>导入诉求</source>
      <translation>Import requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="101" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="102" />
      <source>格式</source>
      <translation>Format</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="103" />
      <source>乡镇(街道)</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="104" />
      <source>Open311 requests.json 或导出的诉求清单 .csv、.xlsx</source>
      <translation>Open311 requests.json or an exported case list .csv or .xlsx</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="105" />
      <source>选择…</source>
      <translation>Choose...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="107" />
      <location filename="../../desktop/views/exchange/import_dialog.py" line="117" />
      <source>按坐标归入所在网格的乡镇</source>
      <translation>By coordinates (township of the grid there)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="108" />
      <source>没有坐标或坐标不在任何网格内的诉求归入所选乡镇(街道)的待分拨清单;选“按坐标”时,这样的诉求会被列为问题,整个文件不导入。</source>
      <translation>Requests without coordinates, or outside every grid, go to the chosen township's routing list; with “by coordinates” they are listed as problems and nothing in the file is imported.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="110" />
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="112" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="131" />
      <source>Open311 GeoReport v2 JSON</source>
      <translation>Open311 GeoReport v2 JSON</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="131" />
      <source>诉求清单 CSV(UTF-8 或 GBK)</source>
      <translation>Request list CSV (UTF-8 or GBK)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="132" />
      <source>诉求清单 XLSX(Excel 工作簿)</source>
      <translation>Case list XLSX (Excel workbook)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="136" />
      <source>无法识别:只能导入 .json(Open311)、.csv 或 .xlsx 文件</source>
      <translation>Not recognised: only .json (Open311), .csv or .xlsx files can be imported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="138" />
      <source>按扩展名判断</source>
      <translation>By file extension</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="151" />
      <source>%1 是文件夹,不是文件;请选择其中的文件</source>
      <translation>%1 is a folder, not a file; choose a file in it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="152" />
      <source>%1 不是普通文件(是管道、设备或套接字),无法导入</source>
      <translation>%1 is not a regular file (a pipe, device or socket) and cannot be imported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="153" />
      <source>文件 %1 不存在</source>
      <translation>File %1 does not exist</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="158" />
      <source>正在读取 %1…</source>
      <translation>Reading %1...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="159" />
      <source>已取消:没有导入任何诉求</source>
      <translation>Cancelled: nothing was imported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="162" />
      <source>正在读取</source>
      <translation>Reading</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="162" />
      <source>正在检查</source>
      <translation>Checking</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="162" />
      <source>正在准备</source>
      <translation>Preparing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="163" />
      <source>正在写入案件</source>
      <translation>Writing cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="163" />
      <source>正在写入办理记录</source>
      <translation>Writing timelines</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="165" />
      <source>正在整理案件索引</source>
      <translation>Rebuilding the case indexes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="165" />
      <source>正在整理办理记录索引</source>
      <translation>Rebuilding the timeline indexes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="167" />
      <source>%1 第 %2 行</source>
      <translation>%1 row %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="168" />
      <source>%1 %2/%3</source>
      <translation>%1 %2/%3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="172" />
      <source>已导入 %1 件:待受理 %2 件(其中待分拨 %3 件)、已办结 %4 件</source>
      <translation>Imported %1: %2 received (%3 of them awaiting a grid), %4 closed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="176" />
      <source>、作为重复诉求并入其他诉求 %1 件</source>
      <translation>, %1 merged into another request as duplicates</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="178" />
      <source>,编号 %1 … %2</source>
      <translation>, numbers %1 ... %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="180" />
      <source>。其中 %1 件在来源系统受督办:督办未随之导入,需要时请在本库重新督办(见下列案件)</source>
      <translation>. %1 of them were under supervision at the source: it did not come with them; supervise them here where needed (cases below)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_dialog.py" line="196" />
      <source>详细信息:</source>
      <translation>Details:</translation>
    </message>
  </context>
  <context>
    <name>ItemForm</name>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="43" />
      <source>修改事项</source>
      <translation>Edit matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="43" />
      <source>新增事项</source>
      <translation>Add matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="53" />
      <location filename="../../desktop/views/matters/item_form.py" line="108" />
      <source>可要求网格工作人员办理或协助</source>
      <translation>Grid staff may be asked to handle or assist</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="65" />
      <location filename="../../desktop/views/matters/item_form.py" line="106" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="66" />
      <location filename="../../desktop/views/matters/item_form.py" line="106" />
      <source>事项名称</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="67" />
      <location filename="../../desktop/views/matters/item_form.py" line="106" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="68" />
      <location filename="../../desktop/views/matters/item_form.py" line="107" />
      <source>责任部门</source>
      <translation>Responsible department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="69" />
      <location filename="../../desktop/views/matters/item_form.py" line="107" />
      <source>复杂程度</source>
      <translation>Complexity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="70" />
      <location filename="../../desktop/views/matters/item_form.py" line="107" />
      <source>办理时限</source>
      <translation>Time limit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="71" />
      <location filename="../../desktop/views/matters/item_form.py" line="108" />
      <source>时限单位</source>
      <translation>Time unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/item_form.py" line="73" />
      <location filename="../../desktop/views/matters/item_form.py" line="109" />
      <source>说明</source>
      <translation>Notes</translation>
    </message>
  </context>
  <context>
    <name>LadderMomentDialog</name>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_moment.py" line="45" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>LadderPanel</name>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="105" />
      <source>紧急情况报告进度</source>
      <translation>Emergency reporting progress</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="108" />
      <source>含已终报的</source>
      <translation>Include closed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="112" />
      <source>环节</source>
      <translation>Step</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="112" />
      <source>报送对象</source>
      <translation>Report to</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="112" />
      <source>时限</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="112" />
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="127" />
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="156" />
      <source>报送时间</source>
      <translation>Reported at</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="112" />
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="126" />
      <source>报送内容</source>
      <translation>What was reported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="119" />
      <source>报送了什么(如:电话报区应急局值班室)</source>
      <translation>What was reported (e.g. phoned the district emergency office)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="124" />
      <source>紧急情况</source>
      <translation>Emergency</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="125" />
      <source>报告环节</source>
      <translation>Reporting steps</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="128" />
      <source>报送时间(北京时间);不改动则按点击“登记报送”的时间登记</source>
      <translation>When it was reported (Beijing time); left alone, the moment “Record” is pressed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="131" />
      <source>登记报送</source>
      <translation>Record report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="134" />
      <source>处置完毕…</source>
      <translation>Handled...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="136" />
      <source>终报…</source>
      <translation>Final report...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="138" />
      <source>打印信息快报…</source>
      <translation>Print bulletin...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="140" />
      <source>确认告警</source>
      <translation>Acknowledge alarm</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="142" />
      <source>更正/补充事实…</source>
      <translation>Correct/add facts...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="144" />
      <source>更正报送记录…</source>
      <translation>Correct record...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="146" />
      <source>撤销处置完毕…</source>
      <translation>Undo handled...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="152" />
      <source>报告时限设置…</source>
      <translation>Reporting time limits...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="199" />
      <source>【未确认】</source>
      <translation>[Unacknowledged] </translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="201" />
      <source>【%1】</source>
      <translation>[%1] </translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="203" />
      <source>【预警】</source>
      <translation>[WARNING] </translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="205" />
      <source>【超时 %1 项】</source>
      <translation>[%1 overdue]</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="224" />
      <source>(超时 %1 分钟)</source>
      <translation> (%1 min late)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="226" />
      <source>(又漏报 %1 轮)</source>
      <translation> (%1 more rounds missed)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="229" />
      <source>漏报,随此时的续报补报</source>
      <translation>missed; made late by the follow-up at this time</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="236" />
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="272" />
      <source>超时</source>
      <translation>Late</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="243" />
      <source>续报补充、更新的事实:</source>
      <translation>Facts added or updated by follow-ups:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="244" />
      <source>更正记录:</source>
      <translation>Corrections:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="285" />
      <source>请先在表中选择要登记的环节</source>
      <translation>Select the step to record in the table first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="287" />
      <source>该环节已报送</source>
      <translation>This step has been reported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="289" />
      <source>终报向各级一并报送:请用“终报…”</source>
      <translation>The final report goes to every level at once: use “Final report...”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="291" />
      <source>续报接续首报:请先登记报%1的%2(《条例》第二十一条)</source>
      <translation>A follow-up comes after the first reports: record the %2 to %1 first (Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="298" />
      <source>请先在表中选择要更正的已报送环节</source>
      <translation>Select a step already reported to correct it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="302" />
      <source>更正报送记录</source>
      <translation>correct the record of a report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="304" />
      <source>只有处置中的报告才能标记处置完毕</source>
      <translation>Only a report still being handled can be marked handled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="306" />
      <source>先标记处置完毕,再作终报</source>
      <translation>Mark the situation handled first, then make the final report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="309" />
      <source>只有已处置、尚未终报的报告可以撤销处置完毕</source>
      <translation>Only a handled report without its final report can be set back to open</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="310" />
      <source>撤销处置完毕</source>
      <translation>undo marking it handled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="312" />
      <source>没有可打印的报告</source>
      <translation>No report to print</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="315" />
      <source>没有未结束的紧急情况报告</source>
      <translation>No open emergency report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="317" />
      <source>已终报结束的报告不能更正</source>
      <translation>A report closed by its final report cannot be corrected</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="325" />
      <source>没有待确认的告警</source>
      <translation>No alarm waiting for acknowledgement</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="327" />
      <source>紧急情况告警须由值班长以本人账号确认</source>
      <translation>An emergency alarm must be acknowledged by a shift supervisor with their own account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="329" />
      <source>告警由%1值班室的值班长以本人账号确认(《条例》第二十一条);您不是该乡镇(街道)的值班长</source>
      <translation>The alarm is acknowledged by a shift supervisor of the %1 duty room, under their own account (Art. 21); you are not a shift supervisor of that township (subdistrict)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="377" />
      <source>处置完毕 — %1</source>
      <translation>Handled — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="378" />
      <source>事态已得到处置:终报时限自处置完毕时起算;此后不再需要的续报不再计时。</source>
      <translation>The situation is under control: the final-report deadline runs from this moment; follow-ups no longer needed stop being timed.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="379" />
      <source>处置完毕时间</source>
      <translation>Handled at</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="391" />
      <source>终报 — %1</source>
      <translation>Final report — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="392" />
      <source>终报向各级一并报送,报告随之结束(《条例》第二十一条)。</source>
      <translation>The final report goes to every level at once and ends the report (Regulation Art. 21).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="393" />
      <source>终报时间</source>
      <translation>Reported at</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="393" />
      <source>终报内容</source>
      <translation>Final report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="408" />
      <source>%1(报%2)登记的报送时间为 %3。更正后,原记录、更正后的时间和原因都留在报告的更正记录中。</source>
      <translation>%1 (to %2) was recorded as made at %3. The record before, the corrected time and the reason all stay in the report's corrections.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="413" />
      <source>更正报送记录 — %1</source>
      <translation>Correct record — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="414" />
      <source>实际报送时间</source>
      <translation>Actually made at</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="414" />
      <source>更正原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="424" />
      <source>撤销处置完毕 — %1</source>
      <translation>Undo handled — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="425" />
      <source>撤销原因(撤销后续报恢复计时,终报不再计时)</source>
      <translation>Reason (follow-ups fall due again; the final report no longer does)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="440" />
      <source>保存信息快报</source>
      <translation>Save bulletin</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="444" />
      <source>信息快报</source>
      <translation>Bulletin</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_panel.py" line="445" />
      <source>已生成信息快报 %1(%2 页)</source>
      <translation>Bulletin written to %1 (%2 pages)</translation>
    </message>
  </context>
  <context>
    <name>LadderSettingsDialog</name>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="27" />
      <source>紧急情况报告时限(《条例》第二十一条)</source>
      <translation>Emergency reporting time limits (Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="29" />
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="30" />
      <source>分钟</source>
      <translation>minutes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="31" />
      <source>小时</source>
      <translation>hours</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="32" />
      <source>个工作日</source>
      <translation>working days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="38" />
      <source>电话首报(获知后)</source>
      <translation>First report by phone (after learning of it)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="39" />
      <source>书面首报(获知后)</source>
      <translation>Written first report (after learning of it)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="40" />
      <source>续报间隔(处置期间)</source>
      <translation>Follow-up report interval (while being handled)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="41" />
      <source>终报(处置完毕后)</source>
      <translation>Final report (after handling ends)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="42" />
      <source>报送对象</source>
      <translation>Report to</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="43" />
      <source>新的时限适用于保存之后报告的紧急情况。已报告的紧急情况,报送对象和已排定的时限不变,此后排定的续报、终报按新的时限。</source>
      <translation>New time limits apply to emergencies reported after they are saved. For emergencies already reported, the levels reported to and the time limits already scheduled stay as they are; follow-up and final reports scheduled from then on use the new time limits.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/emergencies/ladder_settings.py" line="45" />
      <source>报告时限由市级管理员全市统一设定;需要修改时请联系市级管理员。</source>
      <translation>The reporting deadlines are set for the whole city by the city administrator; to change them, contact the city administrator.</translation>
    </message>
  </context>
  <context>
    <name>LeaderForm</name>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="101" />
      <source>确定领导联系</source>
      <translation>Assign leadership contact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="110" />
      <source>片区</source>
      <translation>Area</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="111" />
      <source>职责</source>
      <translation>Duty</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="112" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="113" />
      <source>手机</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="114" />
      <source>职务</source>
      <translation>Position</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="115" />
      <source>起始日期</source>
      <translation>Start date</translation>
    </message>
  </context>
  <context>
    <name>LeadersModel</name>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="17" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="17" />
      <source>职责</source>
      <translation>Duty</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="18" />
      <source>职务</source>
      <translation>Position</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="18" />
      <source>联系片区</source>
      <translation>Contact area</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="19" />
      <source>任期至</source>
      <translation>Term until</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/activity_models.py" line="31" />
      <source>至今</source>
      <translation>to date</translation>
    </message>
  </context>
  <context>
    <name>LiveBridge</name>
    <message>
      <location filename="../../desktop/views/live_bridge.py" line="70" />
      <source>实时更新:已开启(本机数据库)</source>
      <translation>Live updates: on (local database)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/live_bridge.py" line="71" />
      <source>实时更新:已连接</source>
      <translation>Live updates: connected</translation>
    </message>
    <message>
      <location filename="../../desktop/views/live_bridge.py" line="73" />
      <source>数据库已被更新版本的网格指挥台升级,请保存/记下手头的工作后关闭并更新本程序</source>
      <translation>A newer version of GridDesk has upgraded the database: save or note down your work, then close this program and update it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/live_bridge.py" line="75" />
      <source>实时更新:连接中断,正在重连…</source>
      <translation>Live updates: connection lost, reconnecting...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/live_bridge.py" line="76" />
      <source>实时更新:连接中…</source>
      <translation>Live updates: connecting...</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="59" />
      <source>登录 — 网格指挥台</source>
      <translation>Log in — GridDesk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="60" />
      <source>用户名(&amp;U)</source>
      <translation>&amp;User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="60" />
      <source>密码(&amp;P)</source>
      <translation>&amp;Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="60" />
      <source>数据库</source>
      <translation>Database</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="62" />
      <source>登录</source>
      <translation>Log in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="67" />
      <source>请输入用户名</source>
      <translation>Enter your user name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="71" />
      <source>请输入密码</source>
      <translation>Enter your password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login_dialog.py" line="96" />
      <source>须先设置本人的密码才能使用;请重新登录后设置</source>
      <translation>Set a password of your own before using the desk; log in again to set it</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/app.py" line="173" />
      <location filename="../../desktop/views/main_window.py" line="269" />
      <source>网格指挥台</source>
      <translation>GridDesk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="208" />
      <source>网格指挥台 — 北海市网格化服务管理</source>
      <translation>GridDesk — Beihai grid-based service management</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="209" />
      <source>工具栏</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="216" />
      <source>数据库:%1</source>
      <translation>Database: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="217" />
      <source>用户:%1</source>
      <translation>User: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="222" />
      <source>关于网格指挥台</source>
      <translation>About GridDesk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="223" />
      <source>网格指挥台:依据《北海市网格化服务管理条例》的乡镇(街道)网格化服务管理指挥中心桌面端。</source>
      <translation>GridDesk: the desktop of a township grid-management command center under the Beihai Grid-based Service Management Regulations.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="301" />
      <source>未办结 %1 · 超期 %2 · 今日受理 %3</source>
      <translation>Open %1 · overdue %2 · received today %3</translation>
    </message>
  </context>
  <context>
    <name>MapPanel</name>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="54" />
      <source>适合窗口</source>
      <translation>Fit window</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="54" />
      <source>放大</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="54" />
      <source>缩小</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="54" />
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="55" />
      <source>导出图片…</source>
      <translation>Export image...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="58" />
      <location filename="../../desktop/views/map/panel.py" line="97" />
      <source>地图</source>
      <translation>Map</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="69" />
      <source>{0}:有边界的网格 {1} 个,已定位的在办案件 {2} 件</source>
      <translation>{0}: {1} grids with a boundary, {2} open cases with a location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="86" />
      <source>载入中…</source>
      <translation>Loading...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="97" />
      <location filename="../../desktop/views/map/panel.py" line="99" />
      <source>导出地图图片</source>
      <translation>Export map image</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="97" />
      <source>PNG 图片 (*.png)</source>
      <translation>PNG image (*.png)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/panel.py" line="99" />
      <source>无法写入 {0}</source>
      <translation>Cannot write {0}</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message>
      <location filename="../../desktop/views/map/view.py" line="122" />
      <source>(已超期)</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="294" />
      <source>地图载入中…</source>
      <translation>Loading the map...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="296" />
      <source>无网格边界和带位置的在办诉求可显示</source>
      <translation>No grid boundaries and no open requests with a location to show</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="300" />
      <source>基础网格</source>
      <translation>Regular grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="301" />
      <source>专属网格</source>
      <translation>Exclusive grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="302" />
      <source>涉海专属网格</source>
      <translation>Sea-related grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="303" />
      <source>在办案件</source>
      <translation>Open cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/map/view.py" line="303" />
      <source>超期案件</source>
      <translation>Overdue cases</translation>
    </message>
  </context>
  <context>
    <name>MatterItemsModel</name>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="16" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="16" />
      <source>事项名称</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="17" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="17" />
      <source>责任部门</source>
      <translation>Responsible department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="18" />
      <source>业务指导人员</source>
      <translation>Guidance contact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="18" />
      <source>办理时限</source>
      <translation>Time limit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="19" />
      <source>复杂程度</source>
      <translation>Complexity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="22" />
      <source>小时</source>
      <translation> hours</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="22" />
      <source>个工作日</source>
      <translation> working days</translation>
    </message>
  </context>
  <context>
    <name>MatterListWindow</name>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="187" />
      <source>网格化服务管理事项清单</source>
      <translation>Grid service matter list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="188" />
      <source>新建下一版草稿</source>
      <translation>New draft version</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="189" />
      <source>新增事项…</source>
      <translation>Add matter...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="190" />
      <source>修改事项…</source>
      <translation>Edit matter...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="191" />
      <location filename="../../desktop/views/matters/window.py" line="454" />
      <location filename="../../desktop/views/matters/window.py" line="457" />
      <source>删除事项</source>
      <translation>Remove matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="192" />
      <source>申请纳入事项…</source>
      <translation>Apply to add a matter...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="193" />
      <source>申请退出所选事项…</source>
      <translation>Apply to retire the selected matter...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="194" />
      <source>公布…</source>
      <translation>Publish...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="195" />
      <source>打印现行清单…</source>
      <translation>Print current list...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="197" />
      <source>打印在此现行的全部清单:%1</source>
      <translation>Prints every list in force here: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="198" />
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="199" />
      <source>同意</source>
      <translation>Approve</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="200" />
      <source>不同意…</source>
      <translation>Reject...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="201" />
      <source>部门纳入/退出申请(条例第十三条第二款)</source>
      <translation>Department applications to add/retire (Art. 13(2))</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="202" />
      <source>督促整改(条例第十三条第五款)</source>
      <translation>Rectification orders (Art. 13(5))</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="203" />
      <source>督促限期整改…</source>
      <translation>Order rectification...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="204" />
      <source>整改完毕…</source>
      <translation>Rectified...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="205" />
      <source>记录部门以其他方式(如书面)报来的整改情况,并办结通知</source>
      <translation>Record what the department reported by other means (such as on paper) and close the order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="206" />
      <source>报送整改情况…</source>
      <translation>Report rectification...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="207" />
      <location filename="../../desktop/views/matters/window.py" line="406" />
      <source>确认整改</source>
      <translation>Confirm rectification</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="208" />
      <source>退回…</source>
      <translation>Return...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="210" />
      <source>编制清单的市、县(区)</source>
      <translation>City and county (district) lists</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="211" />
      <source>清单版本</source>
      <translation>List version</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="212" />
      <source>事项</source>
      <translation>Items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="213" />
      <source>部门纳入/退出申请</source>
      <translation>Department applications to add/retire</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="214" />
      <location filename="../../desktop/views/matters/window.py" line="386" />
      <source>督促整改</source>
      <translation>Order rectification</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="215" />
      <source>所选通知全文</source>
      <translation>Selected notice in full</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="216" />
      <source>选中一条通知,在此阅读其全文:履职不到位情形、整改期限和部门报送的整改情况</source>
      <translation>Select a notice to read it here in full: the failing, the deadline and the department's reports</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="220" />
      <source>尚未编制事项清单</source>
      <translation>No matter list yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="223" />
      <source>%1 · %2 · 公布日期 %3 · %4 项</source>
      <translation>%1 · %2 · published %3 · %4 items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="260" />
      <source>第 %1 版草稿尚未公布;请在草稿上修改</source>
      <translation>Draft version %1 is not yet published; make the changes on it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="268" />
      <source>第 %1 版(%2)</source>
      <translation>Version %1 (%2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="322" />
      <source>尚未编制事项清单;请先新建草稿</source>
      <translation>No matter list compiled yet; create a draft first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="324" />
      <source>请在上方选择第 %1 版草稿</source>
      <translation>choose draft version %1 above</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="325" />
      <source>请先新建下一版草稿</source>
      <translation>create the next draft version first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="326" />
      <source>第 %1 版为“%2”,只有草稿可以修改和公布;%3</source>
      <translation>Version %1 is “%2”: only a draft can be changed and published; %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="344" />
      <source>公布</source>
      <translation>Publish</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="344" />
      <source>自今日起公布第 %1 版,现行版本将同时废止。公布的标题:</source>
      <translation>Publish version %1 from today; the version in force is superseded. Title to publish under:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="352" />
      <source>审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="352" />
      <source>请先选中一条待审核的申请</source>
      <translation>Select an application awaiting review first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="354" />
      <source>不同意</source>
      <translation>Reject</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="354" />
      <source>请写明不同意的理由:</source>
      <translation>Reason for rejecting:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="361" />
      <source>保存事项清单</source>
      <translation>Save matter list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="365" />
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="365" />
      <source>已生成 %1 页</source>
      <translation>%1 pages generated</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="379" />
      <source>请先选中一条待确认的通知</source>
      <translation>Select an order awaiting confirmation first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="380" />
      <source>请先选中一条整改中的通知</source>
      <translation>Select an order still being rectified first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="383" />
      <source>所选通知当前为“%1”,不能%2;</source>
      <translation>The notice selected is “%1”: “%2” is not possible. </translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="384" />
      <source>只有待确认的通知可以%1</source>
      <translation>“%1” is only for a notice awaiting confirmation</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="385" />
      <source>只有整改中的通知可以%1</source>
      <translation>“%1” is only for a notice being rectified</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="390" />
      <source>记录整改完毕</source>
      <translation>Record as rectified</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="393" />
      <source>整改完毕</source>
      <translation>Rectified</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="393" />
      <source>部门的整改情况:</source>
      <translation>What the department rectified:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="398" />
      <location filename="../../desktop/views/matters/window.py" line="401" />
      <source>报送整改情况</source>
      <translation>Report rectification</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="401" />
      <source>本部门的整改情况:</source>
      <translation>What our department rectified:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="411" />
      <source>退回整改情况</source>
      <translation>Return the report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="441" />
      <source>修改事项</source>
      <translation>Edit matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="441" />
      <location filename="../../desktop/views/matters/window.py" line="454" />
      <source>请先选中一项</source>
      <translation>Select a matter first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="457" />
      <source>从本草稿中删除“%1”?</source>
      <translation>Remove “%1” from this draft?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="465" />
      <source>申请纳入事项</source>
      <translation>Apply to add a matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="465" />
      <location filename="../../desktop/views/matters/window.py" line="475" />
      <source>申请理由:</source>
      <translation>Reason for the application:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="472" />
      <location filename="../../desktop/views/matters/window.py" line="475" />
      <source>申请退出事项</source>
      <translation>Apply to retire a matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/window.py" line="472" />
      <source>请先在现行清单中选中本部门的一项</source>
      <translation>Select one of your department's matters in the current list first</translation>
    </message>
  </context>
  <context>
    <name>NewCaseDialog</name>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="44" />
      <source>已受理诉求 %1,归入 %2</source>
      <translation>Request %1 taken in, in %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="45" />
      <source>已受理诉求 %1,未落入网格,在待分拨清单上</source>
      <translation>Request %1 taken in; it lies in no grid and is on the triage list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="46" />
      <source>已受理诉求 %1,作为重复诉求并入案件 %2</source>
      <translation>Request %1 taken in and merged into case %2 as a duplicate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="47" />
      <source>;附近有同类未办结案件,疑似重复:%1(可在案件详情中合并)</source>
      <translation>; open cases of the same kind nearby, possibly the same request: %1 (merge from the case panel)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="115" />
      <source>新建诉求</source>
      <translation>New request</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="121" />
      <source>请选择受理渠道</source>
      <translation>Choose the channel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="125" />
      <source>一句话说明诉求,如:巷口路灯不亮</source>
      <translation>The request in one line, e.g. street light out in the lane</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="127" />
      <source>诉求的具体情况</source>
      <translation>What the request is about, in full</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="131" />
      <source>(不选事项)</source>
      <translation>(no matter)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="138" />
      <source>请选择类别(选了事项则随事项)</source>
      <translation>Choose a category (or a matter item, which sets it)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="141" />
      <source>经度,如 109.105</source>
      <translation>Longitude, e.g. 109.105</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="142" />
      <source>经度</source>
      <translation>Longitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="143" />
      <source>纬度</source>
      <translation>Latitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="144" />
      <source>纬度,如 21.428</source>
      <translation>Latitude, e.g. 21.428</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="150" />
      <source>紧急(涉及安全或停水停电停气)</source>
      <translation>Urgent (safety, or water, power or gas cut)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="151" />
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="246" />
      <source>未定位:保存后进入待分拨清单</source>
      <translation>Not located: goes to the triage list when saved</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="160" />
      <source>双击打开该案件查看;确属同一诉求的,选中后点“并入所选案件”:本诉求登记后即并入该案件,不另行办理</source>
      <translation>Double-click to open the case; if it is the same request, select it and click “Merge into selected case”: this request is recorded and merged into it, not handled separately</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="168" />
      <source>渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="168" />
      <source>诉求人</source>
      <translation>Requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="169" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="169" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="170" />
      <source>诉求内容</source>
      <translation>Request</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="170" />
      <source>事项</source>
      <translation>Matter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="171" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="171" />
      <source>经度 / 纬度</source>
      <translation>Longitude / latitude</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="172" />
      <source>地址</source>
      <translation>Address</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="173" />
      <source>所属网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="173" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="174" />
      <source>疑似重复</source>
      <translation>Possible duplicates</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="178" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="179" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="180" />
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="310" />
      <source>并入所选案件</source>
      <translation>Merge into selected case</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="274" />
      <source>不在任何网格内:保存后进入待分拨清单</source>
      <translation>In no grid: goes to the triage list when saved</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="280" />
      <source>{number} {title}(相距 {distance} 米,{state})</source>
      <translation>{number} {title} ({distance} m away, {state})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="311" />
      <source>本诉求将登记并作为重复诉求并入案件 %1,由该案件一并办理,不另行派遣。确定并入?</source>
      <translation>This request will be recorded and merged into case %1 as a duplicate, handled with it and not dispatched separately. Merge?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/new_case_dialog.py" line="322" />
      <source>经纬度(lon/lat):“%1”不是数字,请写成 109.105 这样的小数</source>
      <translation>Longitude/latitude (lon/lat): “%1” is not a number; write a decimal such as 109.105</translation>
    </message>
  </context>
  <context>
    <name>NoticeSheetsDialog</name>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="83" />
      <source>打印网格公示牌</source>
      <translation>Print grid notice sheets</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="84" />
      <source>%1:%2 个网格的公示牌从未打印或内容已变化,需要(重新)打印</source>
      <translation>%1: %2 grids' notice sheets were never printed or have changed and need (re)printing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="86" />
      <source>只打印需要重新打印的</source>
      <translation>Only those needing a reprint</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="87" />
      <source>需要打印的公示牌</source>
      <translation>Notice sheets to print</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="88" />
      <source>尚未设置二维码网址,公示牌上不印二维码;请先在“公示牌文字…”中设置(可以先打印样张)</source>
      <translation>The QR code address is not set, so the sheets carry no QR code; set it under "Sheet texts..." first (a proof can be printed meanwhile)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="91" />
      <source>%1(%2)%3 起</source>
      <translation>%1 (%2) from %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="94" />
      <source>另有 %1 个网格(见下方列表)</source>
      <translation>%1 more grids (see the list below)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="95" />
      <source>以下网格的公示人员将有变动(离任或到任),公示牌只印打印当天在岗的人员,届时需要重新打印:%1</source>
      <translation>The staff of these grids will change (a member leaving or starting); a sheet shows only those serving on the day it is printed, so it will need printing again then: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="96" />
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="97" />
      <source>打印…</source>
      <translation>Print...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="99" />
      <source>公示牌文字…</source>
      <translation>Sheet texts...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="101" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="131" />
      <source>从未打印</source>
      <translation>Never printed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="131" />
      <source>公示内容已变化</source>
      <translation>Content changed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="134" />
      <source>;%1 起人员变动,届时需重新打印</source>
      <translation>; staff change from %1, print again then</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="144" />
      <source>全部公示牌已是最新,没有需要重新打印的;要全部重印,请取消勾选“只打印需要重新打印的”</source>
      <translation>Every sheet is up to date, none needs reprinting; to reprint them all, untick “Only those needing a reprint”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="156" />
      <source>保存网格公示牌</source>
      <translation>Save grid notice sheets</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="162" />
      <source>正在生成…</source>
      <translation>Generating...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="163" />
      <source>已取消:没有生成文件,也没有记为已打印</source>
      <translation>Cancelled: no file was made and nothing was marked printed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="166" />
      <source>正在生成 %1/%2 %3</source>
      <translation>Generating %1/%2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="170" />
      <source>已打印 %1 张公示牌(%2 个网格)到 %3</source>
      <translation>Printed %1 notice sheets (%2 grids) to %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="173" />
      <source>公示牌有空白</source>
      <translation>Notice sheets with blanks</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_sheets_dialog.py" line="174" />
      <source>以下公示牌缺少应公布的内容,已照样打印;补录后请重新打印:</source>
      <translation>These notice sheets lack what must be published and were printed all the same; fill it in and print them again:</translation>
    </message>
  </context>
  <context>
    <name>NoticeTextsDialog</name>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="17" />
      <source>网格公示牌文字(《条例》第十四条)</source>
      <translation>Notice-board sheet texts (Regulation Art. 14)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="23" />
      <source>受理平台名称</source>
      <translation>Acceptance platform</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="23" />
      <source>监督举报电话</source>
      <translation>Supervision and complaints phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="24" />
      <source>二维码网址</source>
      <translation>QR code address</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="24" />
      <source>其他说明(可空)</source>
      <translation>Other note (optional)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="27" />
      <source>二维码网址中的 {code} 打印时换成各网格的代码。文字全市适用;保存后,此前打印的公示牌列为需要重新打印。</source>
      <translation>{code} in the QR code address is replaced by each grid's code when printing. The texts apply city-wide; after saving, sheets printed before are listed for reprinting.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/notice_texts_dialog.py" line="29" />
      <source>只有全市的管理员可以修改公示牌文字。</source>
      <translation>Only a city-wide administrator may change the sheet texts.</translation>
    </message>
  </context>
  <context>
    <name>NoticesBanner</name>
    <message>
      <location filename="../../desktop/views/notices_banner.py" line="62" />
      <source>报送整改情况…</source>
      <translation>Report rectification...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/notices_banner.py" line="67" />
      <source>本部门有 %1 份督促限期整改通知待报送整改情况(条例第十三条第五款):</source>
      <translation>Your department has %1 rectification notice(s) awaiting its report (Art. 13(5)):</translation>
    </message>
    <message>
      <location filename="../../desktop/views/notices_banner.py" line="69" />
      <source>%1 · 整改期限 %2:%3</source>
      <translation>%1 · rectify by %2: %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/notices_banner.py" line="73" />
      <source>另有 %1 份,见“报送整改情况…”</source>
      <translation>%1 more: see “Report rectification...”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/notices_banner.py" line="81" />
      <source>%1;报告被退回:%2</source>
      <translation>%1; report returned: %2</translation>
    </message>
  </context>
  <context>
    <name>OwnerWarning</name>
    <message>
      <location filename="../../desktop/views/owner_warning.py" line="26" />
      <source>本值班台以数据库用户 %1 连接数据库:它是数据表的所有者或超级用户,可以更改、删除数据表,值班台不需要也不应有这样的权限(《条例》第十五条)。已为值班台授权的数据库用户:%2。请系统管理员把本机 GRIDDESK_DATABASE_URL(或启动参数 --db)中的用户改为其中之一(连同其密码),再重新启动网格指挥台。</source>
      <translation>This desk connects to the database as %1, the tables' owner or a superuser: it can alter and drop the tables, which a desk neither needs nor should be able to do (Regulation Art. 15). Database users granted to the desks: %2. Ask the system administrator to change the user in this computer's GRIDDESK_DATABASE_URL (or the --db start-up option) to one of them (with its password), then start GridDesk again.</translation>
    </message>
  </context>
  <context>
    <name>PasswordForm</name>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="49" />
      <source>至少 8 位,含字母、数字、符号中的两类</source>
      <translation>8 or more characters, of two kinds: letters, digits, symbols</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="146" />
      <source>设置本人密码</source>
      <translation>Set your own password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="146" />
      <source>更换密码</source>
      <translation>Change password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="148" />
      <source>修改本人密码</source>
      <translation>Change my password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="149" />
      <source>重置 %1 的密码</source>
      <translation>Reset %1's password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="153" />
      <source>这个密码由管理员设置;请设置只有您自己知道的新密码后再使用</source>
      <translation>This password was set by an administrator; set a new one that only you know before going on</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="154" />
      <source>这个密码已使用超过本市规定的最长天数;请设置新密码后再使用</source>
      <translation>This password is older than the city allows; set a new one to continue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="158" />
      <source>原密码</source>
      <translation>Current password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="159" />
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="160" />
      <source>再输入一次</source>
      <translation>Again</translation>
    </message>
  </context>
  <context>
    <name>PeopleWindow</name>
    <message>
      <location filename="../../desktop/views/people/window.py" line="112" />
      <location filename="../../desktop/views/people/window.py" line="125" />
      <location filename="../../desktop/views/people/window.py" line="200" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="113" />
      <source>新增人员…</source>
      <translation>Add staff...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="114" />
      <source>修改信息…</source>
      <translation>Edit details...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="115" />
      <location filename="../../desktop/views/people/window.py" line="240" />
      <source>离任</source>
      <translation>Leave post</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="116" />
      <source>确定领导联系…</source>
      <translation>Assign leadership contact...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="117" />
      <location filename="../../desktop/views/people/window.py" line="256" />
      <location filename="../../desktop/views/people/window.py" line="259" />
      <source>卸任</source>
      <translation>End term</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="118" />
      <source>记录网格工作…</source>
      <translation>Log grid work...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="119" />
      <source>专业人员进网格…</source>
      <translation>Professional visit...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="120" />
      <source>网格人员与配备</source>
      <translation>Grid staff and staffing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="121" />
      <location filename="../../desktop/views/people/window.py" line="126" />
      <location filename="../../desktop/views/people/window.py" line="252" />
      <source>挂点领导、指导员、总负责人</source>
      <translation>Contact leaders, instructors, chiefs</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="122" />
      <location filename="../../desktop/views/people/window.py" line="127" />
      <source>工作日志与专业人员进网格</source>
      <translation>Work log and professional visits</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="124" />
      <source>网格配备</source>
      <translation>Grid staffing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="130" />
      <source>%1:%2 个网格,其中 %3 个网格的网格员配备不足(红色)</source>
      <translation>%1: %2 grids, %3 of them short of grid members (red)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="189" />
      <source>%1 的%2任职已办理卸任,最后任职日为 %3,此后不再列入名单</source>
      <translation>%1's term as %2 has already ended; the last day was %3, after which they are no longer listed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="200" />
      <source>请先在名单中选中一人</source>
      <translation>Select a person in the list first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="240" />
      <location filename="../../desktop/views/people/window.py" line="259" />
      <source>%1 以今日为最后任职日,卸任 %2 的%3?(明日起不再列入名单)</source>
      <translation>End %1's term as %3 of %2 with today as the last day? (Not listed from tomorrow)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="266" />
      <source>记录网格工作</source>
      <translation>Log grid work</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/window.py" line="266" />
      <source>这里还没有网格工作人员</source>
      <translation>There are no grid staff here yet</translation>
    </message>
  </context>
  <context>
    <name>PersonForm</name>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="56" />
      <source>修改人员信息</source>
      <translation>Edit a person's details</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="62" />
      <location filename="../../desktop/views/people/forms.py" line="83" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="63" />
      <location filename="../../desktop/views/people/forms.py" line="83" />
      <source>手机</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="64" />
      <location filename="../../desktop/views/people/forms.py" line="83" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="73" />
      <source>不修改请留空</source>
      <translation>Leave empty to keep it</translation>
    </message>
  </context>
  <context>
    <name>PlaceTree</name>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="320" />
      <source>搜索地名或代码(Ctrl+F)</source>
      <translation>Search name or code (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="322" />
      <source>搜索地点</source>
      <translation>Search places</translation>
    </message>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="323" />
      <source>搜索结果</source>
      <translation>Search results</translation>
    </message>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="324" />
      <source>区划树</source>
      <translation>Place tree</translation>
    </message>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="378" />
      <source>没有找到“%1”</source>
      <translation>Nothing found for “%1”</translation>
    </message>
  </context>
  <context>
    <name>PlaceTreeModel</name>
    <message>
      <location filename="../../desktop/views/place_tree.py" line="227" />
      <source>(示例数据)</source>
      <translation> (demo data)</translation>
    </message>
  </context>
  <context>
    <name>ProposalDialog</name>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="51" />
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="156" />
      <source>网格划分调整申请</source>
      <translation>Grid adjustment proposal</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="57" />
      <source>WGS84 / CGCS2000</source>
      <translation>WGS84 / CGCS2000</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="58" />
      <source>GCJ-02(高德、DataV 绘制)</source>
      <translation>GCJ-02 (drawn in Amap or DataV)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="61" />
      <source>写明调整的具体情形,如:村(社区)规模调整、人员流动重大变化</source>
      <translation>State the circumstances, e.g. village/community re-scaled, major population movement</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="63" />
      <source>调整后相关村(社区)的网格(GeoJSON;已有网格未写的属性保持不变)</source>
      <translation>The villages' grids after the adjustment (GeoJSON; properties not given for an existing grid stay unchanged)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="64" />
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="90" />
      <source>网格文件</source>
      <translation>Grid file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="69" />
      <source>文件须写出所涉村(社区)的全部在用网格;现有网格可用 griddesk-admin grids export 文件名 --under 村(社区)代码 导出后修改</source>
      <translation>The file must hold every grid in use in the villages (communities) it covers; export the present grids with griddesk-admin grids export FILE --under VILLAGE-CODE and edit them</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="72" />
      <source>浏览…</source>
      <translation>Browse...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="78" />
      <source>提出申请</source>
      <translation>Submit proposal</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="87" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="88" />
      <source>调整情形</source>
      <translation>Circumstances</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="89" />
      <source>理由说明</source>
      <translation>Reasons</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="92" />
      <source>坐标系</source>
      <translation>Coordinate system</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="100" />
      <source>{0}的网格划分调整:提出后须经县(区)同意,报市备案</source>
      <translation>Grid adjustment for {0}: once proposed, the county (district) must approve it and the city files it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="107" />
      <source>选择网格文件</source>
      <translation>Choose grid file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="107" />
      <source>GeoJSON (*.geojson *.json)</source>
      <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="116" />
      <source>请选择调整后网格的 GeoJSON 文件</source>
      <translation>Choose the GeoJSON file of the adjusted grids</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="131" />
      <source>已提出申请 #{0}:新增 {1} 个、变更 {2} 个、撤销 {3} 个网格(另有 {4} 个不变),等待县(区)审核</source>
      <translation>Proposal #{0} made: {1} grids added, {2} changed, {3} retired ({4} unchanged); awaiting the county (district)'s review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="142" />
      <source>网格文件没有列出以下在用网格:
{0}

要在申请中写明撤销这些网格吗?(选“否”则不提出,请把它们补入文件)</source>
      <translation>The grid file leaves out these grids in use:
{0}

State in the proposal that they are retired? (No: nothing is proposed; add them to the file)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/proposal_dialog.py" line="157" />
      <source>请先在左侧选择一个乡镇(街道)或其下的村(社区)、网格</source>
      <translation>First choose a township, or a village/community or grid in it, on the left</translation>
    </message>
  </context>
  <context>
    <name>QueueModel</name>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="57" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="58" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="59" />
      <source>倒计时</source>
      <translation>Time left</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="60" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="61" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="62" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="63" />
      <source>承办单位</source>
      <translation>Lead department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="64" />
      <source>诉求人</source>
      <translation>Requester</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="65" />
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="66" />
      <source>受理时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="67" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="80" />
      <source>一般督办</source>
      <translation>supervised</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="81" />
      <source>重点督办</source>
      <translation>key supervision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="100" />
      <source>待中心决定,暂停计时</source>
      <translation>Awaiting the centre, clock paused</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="103" />
      <source>已反馈办理结果</source>
      <translation>Result reported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="104" />
      <source>已向主办单位反馈</source>
      <translation>Reported to the lead</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="106" />
      <source>签收 %1</source>
      <translation>Sign-for %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="106" />
      <source>联系 %1</source>
      <translation>Contact %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="108" />
      <source>未派遣,未计时</source>
      <translation>Not dispatched, no clock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="110" />
      <source>暂缓,不计时</source>
      <translation>On hold, no clock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="111" />
      <location filename="../../desktop/views/queue_model.py" line="112" />
      <source>待审批,暂停计时</source>
      <translation>Awaiting decision, clock paused</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="114" />
      <source>已反馈,待核查</source>
      <translation>Reported, to review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="115" />
      <source>核查中,不计时</source>
      <translation>Under review, no clock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="367" />
      <source>【急】</source>
      <translation>[Urgent] </translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="379" />
      <source>本单位%1</source>
      <translation>Ours: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="390" />
      <source>本单位%1 · 案件%2</source>
      <translation>Ours: %1 · case: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="393" />
      <source>%1 · 督办超期</source>
      <translation>%1 (late)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="420" />
      <source>未派遣 · 已等 %1</source>
      <translation>Not dispatched · waiting %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="423" />
      <source>超期 %1</source>
      <translation>%1 overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_model.py" line="423" />
      <source>剩 %1</source>
      <translation>%1 left</translation>
    </message>
  </context>
  <context>
    <name>QueuePanel</name>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="157" />
      <source>待本中心办理</source>
      <translation>Waiting on this center</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="157" />
      <source>待分拨清单(未落网格)</source>
      <translation>Triage list (in no grid)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="157" />
      <source>待重点督办</source>
      <translation>Due for key supervision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="158" />
      <source>未办结</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="158" />
      <source>全部状态</source>
      <translation>All states</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="160" />
      <source>全部类别</source>
      <translation>All categories</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="161" />
      <source>只看超期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="162" />
      <source>只看督办</source>
      <translation>Supervised only</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="163" />
      <source>编号或标题(Ctrl+Shift+F)</source>
      <translation>Number or title (Ctrl+Shift+F)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="165" />
      <source>查找案件</source>
      <translation>Find case</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="166" />
      <source>案件状态</source>
      <translation>Case state</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="167" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="168" />
      <source>案件队列</source>
      <translation>Case queue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="169" />
      <source>打开案件详情</source>
      <translation>Open case details</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="170" />
      <source>复制案件编号</source>
      <translation>Copy case number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="171" />
      <source>复制本行</source>
      <translation>Copy row</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="370" />
      <source>刚受理的案件 %1 在队列的前 %2 行之后;&lt;a href="open"&gt;打开该案件&lt;/a&gt;</source>
      <translation>The case just taken in, %1, lies beyond the first %2 rows of the queue; &lt;a href="open"&gt;open the case&lt;/a&gt;</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="372" />
      <source>刚受理的案件 %1 不符合当前的筛选条件或所选地区,未列在队列中;&lt;a href="open"&gt;打开该案件&lt;/a&gt;</source>
      <translation>The case just taken in, %1, does not match the current filters or the place chosen and is not listed in the queue; &lt;a href="open"&gt;open the case&lt;/a&gt;</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="385" />
      <source>已显示 %1 件,正在计数…</source>
      <translation>%1 cases shown, counting...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="385" />
      <source>共 %1 件</source>
      <translation>%1 cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/queue_panel.py" line="408" />
      <source>案件 %1 为“%2”,不符合当前的筛选条件或所选地区;可选“全部状态”或上级地区后再查找</source>
      <translation>Case %1 is “%2”, outside the current filters or the place chosen; choose “All states” or a wider place and search again</translation>
    </message>
  </context>
  <context>
    <name>RectificationForm</name>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="26" />
      <source>督促限期整改</source>
      <translation>Order rectification by a deadline</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="37" />
      <source>部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="38" />
      <source>履职不到位情形</source>
      <translation>Shortcoming</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="40" />
      <source>整改期限</source>
      <translation>Rectify by</translation>
    </message>
  </context>
  <context>
    <name>RectificationsModel</name>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="47" />
      <source>部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="47" />
      <source>履职不到位情形</source>
      <translation>Shortcoming</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="48" />
      <source>整改期限</source>
      <translation>Rectify by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="48" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="49" />
      <source>整改情况</source>
      <translation>Rectification</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="53" />
      <location filename="../../desktop/views/matters/models.py" line="72" />
      <source>退回理由:%1</source>
      <translation>Returned: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="69" />
      <source>%1 报送(逾期):%2</source>
      <translation>%1 reported (late): %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="69" />
      <source>%1 报送:%2</source>
      <translation>%1 reported: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="74" />
      <source>%1 确认整改完毕</source>
      <translation>%1 rectification confirmed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="81" />
      <source>部门:%1</source>
      <translation>Department: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="82" />
      <source>履职不到位情形:%1</source>
      <translation>Failing to be rectified: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="83" />
      <source>整改期限:%1 · %2</source>
      <translation>Deadline: %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="85" />
      <source>整改情况:</source>
      <translation>Rectification:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/models.py" line="86" />
      <source>尚未报送</source>
      <translation>Not yet reported</translation>
    </message>
  </context>
  <context>
    <name>RequiredFields</name>
    <message>
      <location filename="../../desktop/views/required_fields.py" line="21" />
      <source>必填</source>
      <translation>Required</translation>
    </message>
    <message>
      <location filename="../../desktop/views/required_fields.py" line="42" />
      <source>为必填项</source>
      <translation>marks a required field</translation>
    </message>
  </context>
  <context>
    <name>RetiringGrids</name>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="14" />
      <source>%1 %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="16" />
      <source>无任职人员</source>
      <translation>no one appointed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="17" />
      <source>%1(%2):%3;未办结案件 %4 件</source>
      <translation>%1 (%2): %3; %4 open cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="25" />
      <source>已于同意当日为撤销网格的人员办理离任(须在人员窗口另行任用);未办结案件已按位置改归新网格,无位置或不在新网格内的转由乡镇(街道)处理,待受理的进入待分拨清单(Art. 6)</source>
      <translation>The staff of the retired grids left office on the day of approval (appoint them again in the People window); open cases moved to the new grid containing their location, those without a location or outside the new grids went to the township, and those not yet accepted to the triage list (Art. 6)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="28" />
      <source>同意后,撤销网格的人员于同意当日离任(须在人员窗口另行任用);未办结案件按位置改归新网格,无位置或不在新网格内的转由乡镇(街道)处理,待受理的进入待分拨清单(Art. 6)</source>
      <translation>Once approved, the staff of the retired grids leave office that day (appoint them again in the People window); open cases move to the new grid containing their location, those without a location or outside the new grids go to the township, and those not yet accepted to the triage list (Art. 6)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/retiring.py" line="37" />
      <source>撤销网格的人员和未办结案件:</source>
      <translation>Staff and open cases of the grids retired:</translation>
    </message>
  </context>
  <context>
    <name>ReturnForm</name>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="65" />
      <location filename="../../desktop/views/matters/rectification_form.py" line="68" />
      <source>部门报送的整改情况</source>
      <translation>The department's report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="66" />
      <source>部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="67" />
      <source>履职不到位情形</source>
      <translation>Failing to be rectified</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="94" />
      <source>退回整改情况</source>
      <translation>Return the rectification report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="104" />
      <source>退回理由</source>
      <translation>Reason for returning</translation>
    </message>
    <message>
      <location filename="../../desktop/views/matters/rectification_form.py" line="106" />
      <source>整改期限</source>
      <translation>Rectify by</translation>
    </message>
  </context>
  <context>
    <name>ReviewDialog</name>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="40" />
      <source>同意</source>
      <translation>Approve</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="42" />
      <source>不同意</source>
      <translation>Reject</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="44" />
      <source>备案</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="47" />
      <source>网格划分调整由县(区)网格化服务管理机构审核同意或不同意(Art. 6);请由县(区)管理员办理</source>
      <translation>The county (district) grid-management center approves or rejects grid adjustments (Art. 6); a county (district) administrator does this step</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="49" />
      <source>网格划分调整经县(区)同意后报市网格化服务管理机构备案(Art. 6);请由市级管理员办理</source>
      <translation>Grid adjustments approved by the county (district) are filed with the city grid-management center (Art. 6); a city administrator does this step</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="52" />
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="53" />
      <source>变更</source>
      <translation>Changed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="54" />
      <source>撤销</source>
      <translation>Retired</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="55" />
      <source>不变</source>
      <translation>Unchanged</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="56" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="56" />
      <source>简称</source>
      <translation>Short name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="57" />
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="79" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="58" />
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="59" />
      <source>管理单位</source>
      <translation>Managing unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="60" />
      <source>户数</source>
      <translation>Households</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="61" />
      <source>人口</source>
      <translation>Residents</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="61" />
      <source>单位</source>
      <translation>Units</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="62" />
      <source>村民小组</source>
      <translation>Village groups</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="63" />
      <source>网格员定额</source>
      <translation>Grid member quota</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="64" />
      <source>城镇</source>
      <translation>Urban</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="65" />
      <source>边界(面积 km²)</source>
      <translation>Boundary (area km²)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="66" />
      <source>船只数</source>
      <translation>Vessels</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="67" />
      <source>船名</source>
      <translation>vessel name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="67" />
      <source>船长</source>
      <translation>skipper</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="68" />
      <source>电话</source>
      <translation>phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="77" />
      <source>网格调整审核与备案</source>
      <translation>Grid adjustment review and filing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="79" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="79" />
      <source>乡镇(街道)</source>
      <translation>Township</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="79" />
      <source>调整情形</source>
      <translation>Circumstances</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="79" />
      <source>提出时间</source>
      <translation>Proposed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="80" />
      <source>提出人</source>
      <translation>Proposed by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="80" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="80" />
      <source>状态日期</source>
      <translation>State since</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="80" />
      <source>网格数</source>
      <translation>Grids</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="80" />
      <source>理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="81" />
      <source>最后意见</source>
      <translation>Last comment</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="99" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="99" />
      <source>变化</source>
      <translation>Change</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="99" />
      <source>变更前 → 变更后</source>
      <translation>Before → after</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="103" />
      <source>审核或备案意见(不同意时必填)</source>
      <translation>Review or filing comment (required when rejecting)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="105" />
      <source>网格调整申请</source>
      <translation>Grid adjustment applications</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="106" />
      <source>网格变化</source>
      <translation>Grid changes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="107" />
      <source>审核或备案意见</source>
      <translation>Review or filing comment</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="161" />
      <source>乡镇(街道)提出的网格划分调整申请列在这里,由您审核同意或不同意(Art. 6)</source>
      <translation>Grid adjustments proposed by townships (subdistricts) are listed here for you to approve or reject (Art. 6)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="163" />
      <source>县(区)同意的网格划分调整申请列在这里,由您备案(Art. 6)</source>
      <translation>Grid adjustments approved by counties (districts) are listed here for you to file (Art. 6)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="165" />
      <source>本乡镇(街道)提出的网格划分调整申请及其县(区)审核、市级备案的结果列在这里;提出申请请用“网格 → 网格划分调整申请”</source>
      <translation>This township's (subdistrict's) grid adjustment proposals are listed here with the county's (district's) decision and the city's filing; to propose one, use “Grids → Grid adjustment proposal”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="167" />
      <source>目前没有网格调整申请。</source>
      <translation>There are no grid adjustment proposals.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="197" />
      <source>请先在上方列表中选择一条申请</source>
      <translation>Choose a proposal in the list above first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="199" />
      <source>申请 #%1 当前为“%2”,只有“%3”的申请可以办理此步</source>
      <translation>Proposal #%1 is “%2”; only a proposal that is “%3” can take this step</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="221" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="221" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="231" />
      <source>新增 {0} 个、变更 {1} 个、撤销 {2} 个、不变 {3} 个</source>
      <translation>{0} new, {1} changed, {2} retired, {3} unchanged</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="234" />
      <source>;撤销:{0}</source>
      <translation>; retired: {0}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="240" />
      <source>;</source>
      <translation>; </translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="241" />
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="263" />
      <source>{0} {1} → {2}</source>
      <translation>{0} {1} → {2}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="257" />
      <source>新增船只 {0}({1}):船长 {2},电话 {3}</source>
      <translation>Vessel added: {0} ({1}), skipper {2}, phone {3}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="260" />
      <source>移出船只 {0}({1})</source>
      <translation>Vessel taken off: {0} ({1})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="261" />
      <source>船只 {0}:{1}</source>
      <translation>Vessel {0}: {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="261" />
      <source>,</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/adjustments/review_dialog.py" line="262" />
      <source>{0} 已变更</source>
      <translation>{0} changed</translation>
    </message>
  </context>
  <context>
    <name>RosterModel</name>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="27" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="27" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="28" />
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="28" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="29" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="29" />
      <source>来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="34" />
      <source>%1(最后任职日 %2)</source>
      <translation>%1 (last day %2)</translation>
    </message>
  </context>
  <context>
    <name>RosterPanel</name>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="111" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="117" />
      <source>在左侧选择村(社区)或网格,查看网格人员和基础数据</source>
      <translation>Choose a village/community or grid on the left to see its staff and base data</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="124" />
      <source>常住人口 %1(2020 年第七次全国人口普查)</source>
      <translation>Resident population %1 (2020 census)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="128" />
      <source>户数 %1</source>
      <translation>Households %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="128" />
      <source>人口 %1</source>
      <translation>Residents %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="128" />
      <source>单位 %1</source>
      <translation>Units %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="129" />
      <source>网格人员 %1</source>
      <translation>Grid staff %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="134" />
      <source>已划网格 %1 个:</source>
      <translation>%1 grids drawn: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="136" />
      <location filename="../../desktop/views/roster_panel.py" line="143" />
      <source>尚未划分网格</source>
      <translation>No grids drawn yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="139" />
      <source>网格:</source>
      <translation>Grids: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="139" />
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster_panel.py" line="140" />
      <source>%1(%2,%3人)</source>
      <translation>%1 (%2, %3 staff)</translation>
    </message>
  </context>
  <context>
    <name>SavePath</name>
    <message>
      <location filename="../../desktop/views/save_path.py" line="50" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF file (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>ScoresModel</name>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="49" />
      <source>排名</source>
      <translation>Rank</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="49" />
      <source>考核对象</source>
      <translation>Unit assessed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="49" />
      <source>综合得分</source>
      <translation>Score</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="49" />
      <source>暂缓</source>
      <translation>On hold</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="51" />
      <source>权重 %1%</source>
      <translation>weight %1%</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="63" />
      <source>分子 {0} / 分母 {1}(双击查看计入的记录)</source>
      <translation>Numerator {0} / denominator {1} (double-click to see the records counted)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="65" />
      <source>本考核期各项考核指标均无应计事项:无可考核数据,不评分,不参与排名和表彰(第二十三条)</source>
      <translation>Nothing was due for any indicator in this period: no data to assess; not scored, ranked or commended (Art. 23)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="67" />
      <source>综合得分只依据 {0} 件应计事项(各项计分指标中最大的分母),少于 {1} 件:样本不足,列于排名之后,不参与排名和表彰(第二十三条)</source>
      <translation>The composite score rests on {0} counted cases only (the largest denominator of its indicators), fewer than {1}: too small a sample, listed after the ranked, neither ranked nor commended (Art. 23)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="73" />
      <source>无数据</source>
      <translation>No data</translation>
    </message>
    <message>
      <location filename="../../desktop/views/analytics/scores_model.py" line="75" />
      <source>样本不足</source>
      <translation>Too few cases</translation>
    </message>
    <message>
      <source>响应率</source>
      <translation>Response rate</translation>
    </message>
    <message>
      <source>按期办结率</source>
      <translation>On-time completion rate</translation>
    </message>
    <message>
      <source>解决率</source>
      <translation>Resolution rate</translation>
    </message>
    <message>
      <source>满意率</source>
      <translation>Satisfaction rate</translation>
    </message>
    <message>
      <source>回访按时完成率</source>
      <translation>Callbacks on time</translation>
    </message>
    <message>
      <source>紧急信息报送及时率</source>
      <translation>Emergency reports on time</translation>
    </message>
    <message>
      <source>工作日志活跃率</source>
      <translation>Work log activity</translation>
    </message>
  </context>
  <context>
    <name>SetupBanner</name>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="21" />
      <source>还没有在用的网格</source>
      <translation>No grid in use yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="22" />
      <source>用 griddesk-admin grids import 导入各村(社区)的网格划分 GeoJSON</source>
      <translation>import each village's (community's) grid division GeoJSON with griddesk-admin grids import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="24" />
      <source>还没有网格人员</source>
      <translation>No grid staff yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="25" />
      <source>在“人员 → 网格人员与配备”中新增,或用 griddesk-admin staff import 导入</source>
      <translation>add them in People → Grid staff and staffing, or import them with griddesk-admin staff import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="27" />
      <source>还没有现行的事项清单</source>
      <translation>No matter list in force yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="28" />
      <source>在“事项清单 → 事项清单与部门申请”中编制并公布</source>
      <translation>draw one up and publish it in Matter list → Matter list and department applications</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="30" />
      <source>还没有联动部门</source>
      <translation>No linked department yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="31" />
      <source>在“事项清单 → 联动部门与联系人…”中新增</source>
      <translation>add them in Matter list → Linked departments and contacts...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="33" />
      <source>还没有值班员账号</source>
      <translation>No operator account yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="34" />
      <source>在“人员 → 用户账号与权限”中新增值班员或值班长,或用 griddesk-admin users add NAME --role operator 添加</source>
      <translation>add an operator or shift supervisor in People → User accounts and roles, or with griddesk-admin users add NAME --role operator</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="37" />
      <source>值班员账号都已停用</source>
      <translation>Every operator account is disabled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="38" />
      <source>在“人员 → 用户账号与权限”中重新启用 %1,或新增值班员或值班长</source>
      <translation>Enable %1 again under “People → User accounts and roles”, or add an operator or a shift supervisor</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="93" />
      <source>%1:%2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="95" />
      <source>%1:由%2的管理员设置(第十二条)</source>
      <translation>%1: set up by an administrator of %2 (Art. 12)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="98" />
      <source>%1:请管理员设置</source>
      <translation>%1: ask an administrator to set this up</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_banner.py" line="99" />
      <source>%1尚未完成初始设置,案件还不能按网格归属和派遣:</source>
      <translation>%1 is not yet set up; cases cannot yet be placed in grids and dispatched:</translation>
    </message>
  </context>
  <context>
    <name>StaffingModel</name>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="15" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="15" />
      <source>代码</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="16" />
      <source>应配网格员</source>
      <translation>Grid members needed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="16" />
      <source>实有网格员</source>
      <translation>Grid members</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="17" />
      <source>配备情况</source>
      <translation>Staffing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="20" />
      <source>缺 %1 人</source>
      <translation>%1 short</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="21" />
      <source>达标</source>
      <translation>Enough</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/staffing_model.py" line="29" />
      <source>网格员数量与网格人口、面积、单位数量不匹配(条例第九条)</source>
      <translation>Grid members do not match the grid's population, area and number of units (Art. 9)</translation>
    </message>
  </context>
  <context>
    <name>TakesSavedRecord</name>
    <message>
      <location filename="../../desktop/views/resubmit.py" line="46" />
      <source>已载入他人所作的修改:%1</source>
      <translation>Loaded the changes someone else made: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/resubmit.py" line="49" />
      <source>%1 他人也已修改,表中仍是您填写的,保存即以此为准</source>
      <translation>%1 was changed by someone else too; the form still holds what you typed, and saving keeps it</translation>
    </message>
  </context>
  <context>
    <name>TaskProgress</name>
    <message>
      <location filename="../../desktop/views/progress.py" line="46" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/progress.py" line="98" />
      <source>正在取消…</source>
      <translation>Cancelling...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/progress.py" line="124" />
      <source>尚未完成。停止并关闭窗口?停止后不导入任何内容、不写出文件。</source>
      <translation>Not finished yet. Stop it and close the window? Stopped, nothing is imported and no file is written.</translation>
    </message>
  </context>
  <context>
    <name>TimelineModel</name>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="194" />
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="194" />
      <source>操作人</source>
      <translation>By</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="195" />
      <source>终端</source>
      <translation>Desktop</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="195" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/cases/case_detail.py" line="196" />
      <source>内容</source>
      <translation>Details</translation>
    </message>
  </context>
  <context>
    <name>VisitForm</name>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="167" />
      <source>专业人员进网格</source>
      <translation>Professional visit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="169" />
      <source>(新登记)</source>
      <translation>(register new)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="181" />
      <source>法治宣传</source>
      <translation>Law publicity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="181" />
      <source>纠纷化解</source>
      <translation>Dispute resolution</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="181" />
      <source>便民服务</source>
      <translation>Public services</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="184" />
      <source>专业人员</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="185" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="186" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="187" />
      <source>所在单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="188" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="189" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="190" />
      <source>事由</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="191" />
      <source>情况</source>
      <translation>Outcome</translation>
    </message>
  </context>
  <context>
    <name>WallWindow</name>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="115" />
      <source>网格指挥台 · 值班大屏</source>
      <translation>GridDesk · duty wall</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="298" />
      <source>无在办诉求</source>
      <translation>No open requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="298" />
      <location filename="../../desktop/views/wall/window.py" line="425" />
      <location filename="../../desktop/views/wall/window.py" line="456" />
      <source>载入中…</source>
      <translation>Loading...</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="302" />
      <source>实时诉求队列(超期优先)</source>
      <translation>Live request queue (overdue first)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="303" />
      <source>紧急情况报告(超时优先)</source>
      <translation>Emergency reports (overdue first)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="304" />
      <source>在办诉求分布(红色为超期)</source>
      <translation>Open requests (red: overdue)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="306" />
      <source>实时诉求队列</source>
      <translation>Live request queue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="307" />
      <source>紧急情况报告</source>
      <translation>Emergency reports</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>获知时间</source>
      <translation>Learned of</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>事件</source>
      <translation>Event</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>报告进度</source>
      <translation>Ladder</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="309" />
      <source>确认</source>
      <translation>Ack.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="371" />
      <source>{0}
本值班大屏已停止刷新,不再显示诉求和紧急情况(《条例》第十五条)</source>
      <translation>{0}
This wall display has stopped refreshing and no longer shows requests or emergencies (Regulation, Art. 15)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="424" />
      <source>网格指挥台 · 值班大屏(载入中…)</source>
      <translation>GridDesk · duty wall (loading...)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="428" />
      <source>网格指挥台 · {0} 值班大屏 · {1}承办的诉求</source>
      <translation>GridDesk · {0} wall display · cases handled by {1}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="431" />
      <source>网格指挥台 · {0} 值班大屏</source>
      <translation>GridDesk · {0} duty wall</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="432" />
      <source>%1 年的法定节假日和调休安排程序未内置也未录入:期限跨入该年的倒计时暂按周一至周五计算,可能不准;请市级管理员在“工作日历”中录入</source>
      <translation>The statutory holidays and make-up workdays of %1 are neither built in nor entered: countdowns running into that year are counted Monday to Friday and may be wrong; the city administrator should enter them in the working calendar</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="436" />
      <source>今日受理</source>
      <translation>Received today</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="437" />
      <source>在办诉求</source>
      <translation>Open requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="438" />
      <source>超期诉求</source>
      <translation>Overdue requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="439" />
      <source>紧急报告超时环节</source>
      <translation>Emergency rungs overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="440" />
      <source>{0} 件报告(第二十一条)</source>
      <translation>in reports: {0} (Art. 21)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="441" />
      <source>第二十一条报告进度</source>
      <translation>Art. 21 reporting ladder</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="453" />
      <source>响应率</source>
      <translation>Response rate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="453" />
      <source>解决率</source>
      <translation>Resolution rate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="454" />
      <source>满意率</source>
      <translation>Satisfaction rate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="459" />
      <source>{0}(截至 {1})</source>
      <translation>{0} (as of {1})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="460" />
      <source>{0} · {1}/{2}</source>
      <translation>{0} · {1}/{2}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="510" />
      <source>另有 {0} 条未显示</source>
      <translation>{0} more not shown</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="512" />
      <source>(其中 {0} 条有超时环节)</source>
      <translation> ({0} of them with overdue rungs)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="517" />
      <source>无紧急情况报告(未结束的及近 {0} 日的)</source>
      <translation>No emergency reports (open or of the last {0} days)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="524" />
      <source>已确认</source>
      <translation>Yes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="524" />
      <source>待确认</source>
      <translation>Pending</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="537" />
      <source>超时 {0} 项</source>
      <translation>{0} overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/wall/window.py" line="541" />
      <source>{0}·{1} {2}</source>
      <translation>{0} · {1} {2}</translation>
    </message>
  </context>
  <context>
    <name>WorkLogForm</name>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="138" />
      <source>记录网格工作</source>
      <translation>Log grid work</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="147" />
      <source>人员</source>
      <translation>Person</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="148" />
      <source>工作</source>
      <translation>Work</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="149" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/forms.py" line="150" />
      <source>情况</source>
      <translation>Outcome</translation>
    </message>
  </context>
  <context>
    <name>YearForm</name>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="192" />
      <source>录入 %1 年全年安排</source>
      <translation>Enter the whole schedule of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="193" />
      <source>逐行录入该年的全部法定节假日和调休上班日(不必录入平常的周末)。保存时一次录入;有误的行将逐一列出,不作任何修改。</source>
      <translation>Enter all of the year's statutory holidays and make-up workdays, one per row (ordinary weekends need no entry). Everything is saved at once; rows in error are listed one by one and nothing is changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="197" />
      <location filename="../../desktop/views/calendar/window.py" line="268" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="197" />
      <location filename="../../desktop/views/calendar/window.py" line="268" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="197" />
      <location filename="../../desktop/views/calendar/window.py" line="269" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="202" />
      <source>全年安排</source>
      <translation>The year's schedule</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="204" />
      <source>添加一行</source>
      <translation>Add a row</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="205" />
      <source>新行为上一行的次日,类别和名称相同,便于录入连续的假日</source>
      <translation>A new row is the day after the previous one, with the same category and name, to enter consecutive holidays quickly</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="210" />
      <source>保存全年安排</source>
      <translation>Save the whole year</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="211" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="237" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="242" />
      <source>如:春节</source>
      <translation>e.g. Spring Festival</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="271" />
      <source>第 %1 行%2</source>
      <translation>Row %1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="294" />
      <source>未保存:请补全该年的安排后再保存。</source>
      <translation>Not saved: complete the year's schedule, then save.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/calendar/window.py" line="298" />
      <source>正在保存并重算未办结案件的期限…</source>
      <translation>Saving and recounting the deadlines of open cases...</translation>
    </message>
  </context>
  <context>
    <name>accounts</name>
    <message>
      <location filename="../../desktop/views/accounts/__init__.py" line="26" />
      <source>密码已修改</source>
      <translation>Password changed</translation>
    </message>
  </context>
  <context>
    <name>ask_max_age</name>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="230" />
      <source>密码有效期</source>
      <translation>Password age</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="231" />
      <source>密码最长使用天数(全市适用;0 为不限,到期后登录时须设置新密码):</source>
      <translation>Days a password may be used (city-wide; 0 for no limit; past it, the owner sets a new one at log-in):</translation>
    </message>
  </context>
  <context>
    <name>ask_parent</name>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="112" />
      <source>(无上级部门)</source>
      <translation>(no department above)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="115" />
      <source>上级部门</source>
      <translation>Department above</translation>
    </message>
    <message>
      <location filename="../../desktop/views/departments/forms.py" line="116" />
      <source>%1 的上级部门(派遣时优先建议本地下属机构):</source>
      <translation>Department above %1 (dispatch then suggests the local office first):</translation>
    </message>
  </context>
  <context>
    <name>ask_role</name>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="220" />
      <source>撤销角色</source>
      <translation>Revoke role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="221" />
      <source>撤销 %1 的哪个角色?</source>
      <translation>Which of %1's roles to revoke?</translation>
    </message>
  </context>
  <context>
    <name>dialogs</name>
    <message>
      <location filename="../../desktop/views/dialogs.py" line="54" />
      <source>…另有 %1 处,见“详细信息”</source>
      <translation>... %1 more, see “Show Details”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/dialogs.py" line="125" />
      <source>网格指挥台</source>
      <translation>GridDesk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/dialogs.py" line="137" />
      <source>程序出错,本次操作未完成:%1</source>
      <translation>The program failed; this was not done: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/dialogs.py" line="140" />
      <source>这不是您的操作有误。详细情况已记入日志文件 %1,请把它交给负责维护本机的同事。</source>
      <translation>This is not a mistake of yours. The details are in the log file %1: please pass it to whoever looks after this computer.</translation>
    </message>
  </context>
  <context>
    <name>forms</name>
    <message>
      <location filename="../../desktop/views/accounts/forms.py" line="38" />
      <source>两次输入的密码不一致,请重新输入</source>
      <translation>The two passwords differ; please type them again</translation>
    </message>
  </context>
  <context>
    <name>i18n</name>
    <message>
      <location filename="../../desktop/i18n.py" line="91" />
      <source>系统管理员(%1)</source>
      <translation>System administrator (%1)</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="97" />
      <source>、</source>
      <translation>, </translation>
    </message>
  </context>
  <context>
    <name>menus</name>
    <message>
      <location filename="../../desktop/views/main_window.py" line="155" />
      <source>查找地点</source>
      <translation>Find place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="156" />
      <source>查找案件</source>
      <translation>Find case</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="157" />
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="158" />
      <source>区划树</source>
      <translation>Place tree</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="159" />
      <source>案件队列</source>
      <translation>Case queue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="160" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="177" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="178" />
      <source>关于网格指挥台</source>
      <translation>About GridDesk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="185" />
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>案件</source>
      <translation>&amp;Cases</translation>
    </message>
    <message>
      <source>网格</source>
      <translation>&amp;Grids</translation>
    </message>
    <message>
      <source>人员</source>
      <translation>&amp;People</translation>
    </message>
    <message>
      <source>事项清单</source>
      <translation>&amp;Matter list</translation>
    </message>
    <message>
      <source>紧急情况</source>
      <translation>&amp;Emergencies</translation>
    </message>
    <message>
      <source>分析评价</source>
      <translation>&amp;Analysis</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>P&amp;rint</translation>
    </message>
    <message>
      <source>视图</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>帮助</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>导入诉求…</source>
      <translation>Import requests...</translation>
    </message>
    <message>
      <source>导出诉求…</source>
      <translation>Export requests...</translation>
    </message>
    <message>
      <source>新建诉求</source>
      <translation>New request</translation>
    </message>
    <message>
      <source>案件详情</source>
      <translation>Case details</translation>
    </message>
    <message>
      <source>回访工作台</source>
      <translation>Callback desk</translation>
    </message>
    <message>
      <source>地图</source>
      <translation>Map</translation>
    </message>
    <message>
      <source>网格划分调整申请…</source>
      <translation>Grid adjustment proposal...</translation>
    </message>
    <message>
      <source>网格调整审核与备案…</source>
      <translation>Grid adjustment review and filing...</translation>
    </message>
    <message>
      <source>修改本人密码…</source>
      <translation>Change my password...</translation>
    </message>
    <message>
      <source>用户账号与权限…</source>
      <translation>User accounts and roles...</translation>
    </message>
    <message>
      <source>审计日志…</source>
      <translation>Audit log...</translation>
    </message>
    <message>
      <source>网格人员与配备</source>
      <translation>Grid staff and staffing</translation>
    </message>
    <message>
      <source>网格公示牌…</source>
      <translation>Grid notice sheets...</translation>
    </message>
    <message>
      <source>事项清单与部门申请</source>
      <translation>Matter list and department applications</translation>
    </message>
    <message>
      <source>联动部门与联系人…</source>
      <translation>Linked departments and contacts...</translation>
    </message>
    <message>
      <source>工作日历(法定节假日与调休)</source>
      <translation>Working-day calendar (statutory holidays and make-up workdays)</translation>
    </message>
    <message>
      <source>期限与回访规则…</source>
      <translation>Deadline and callback rules...</translation>
    </message>
    <message>
      <source>报告紧急情况…</source>
      <translation>Report an emergency...</translation>
    </message>
    <message>
      <source>报告进度与告警确认</source>
      <translation>Reporting progress and alarms</translation>
    </message>
    <message>
      <source>报告时限设置…</source>
      <translation>Reporting time limits...</translation>
    </message>
    <message>
      <source>报送对象值班电话…</source>
      <translation>Duty-room phones of the levels reported to...</translation>
    </message>
    <message>
      <source>综合评价与考核表…</source>
      <translation>Evaluation and assessment forms...</translation>
    </message>
    <message>
      <source>高频与疑难问题…</source>
      <translation>Frequent and difficult problems...</translation>
    </message>
    <message>
      <source>重点治理事项…</source>
      <translation>Key governance items...</translation>
    </message>
    <message>
      <source>条例对照表…</source>
      <translation>Regulation checklist...</translation>
    </message>
    <message>
      <source>值班大屏</source>
      <translation>Duty wall</translation>
    </message>
  </context>
  <context>
    <name>people</name>
    <message>
      <location filename="../../desktop/views/people/__init__.py" line="15" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../desktop/views/people/__init__.py" line="16" />
      <source>请先在左侧区划树中选择乡镇(街道)、村(社区)或网格</source>
      <translation>First choose a township, village/community or grid in the place tree</translation>
    </message>
  </context>
  <context>
    <name>periods</name>
    <message>
      <location filename="../../desktop/i18n.py" line="72" />
      <source>第一季度</source>
      <translation>Q1</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="72" />
      <source>第二季度</source>
      <translation>Q2</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="73" />
      <source>第三季度</source>
      <translation>Q3</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="73" />
      <source>第四季度</source>
      <translation>Q4</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="80" />
      <source>%1年%2月</source>
      <translation>%2/%1</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="83" />
      <source>%1年%2</source>
      <translation>%2 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/i18n.py" line="84" />
      <source>%1年度</source>
      <translation>%1</translation>
    </message>
  </context>
  <context>
    <name>permissions</name>
    <message>
      <location filename="../../desktop/views/permissions.py" line="25" />
      <source>您没有“%1”的权限</source>
      <translation>You lack the permission “%1”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/permissions.py" line="28" />
      <source>您在 %1 不能%3:需有“%2”的权限;请由具有该地区相应角色的用户办理</source>
      <translation>At %1 you cannot %3: it needs the permission “%2”; ask a user with the matching role for this area</translation>
    </message>
    <message>
      <location filename="../../desktop/views/permissions.py" line="30" />
      <source>您在 %1 没有“%2”的权限;请由具有该地区相应角色的用户办理</source>
      <translation>You lack the permission “%2” in %1; ask a user with the matching role there</translation>
    </message>
  </context>
  <context>
    <name>printing</name>
    <message>
      <location filename="../../desktop/views/printing/__init__.py" line="15" />
      <source>打印网格公示牌</source>
      <translation>Print grid notice sheets</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/__init__.py" line="16" />
      <source>请先在左侧区划树中选择乡镇(街道)或村(社区)</source>
      <translation>First choose a township or village/community in the place tree</translation>
    </message>
  </context>
  <context>
    <name>enums</name>
    <message>
      <source>划分</source>
      <translation>Division</translation>
    </message>
    <message>
      <source>调整</source>
      <translation>Adjustment</translation>
    </message>
    <message>
      <source>合并</source>
      <translation>Merger</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Retirement</translation>
    </message>
    <message>
      <source>村(社区)规模调整</source>
      <translation>Village/community re-scaled</translation>
    </message>
    <message>
      <source>人员流动重大变化</source>
      <translation>Major population movement</translation>
    </message>
    <message>
      <source>其他需要调整的情形</source>
      <translation>Other reason for adjustment</translation>
    </message>
    <message>
      <source>待县级审核</source>
      <translation>Awaiting county review</translation>
    </message>
    <message>
      <source>县级已同意</source>
      <translation>Approved by county</translation>
    </message>
    <message>
      <source>县级不同意</source>
      <translation>Rejected by county</translation>
    </message>
    <message>
      <source>市级已备案</source>
      <translation>Filed by city</translation>
    </message>
    <message>
      <source>已撤回</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>纳入</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Retire</translation>
    </message>
    <message>
      <source>首接(主办)</source>
      <translation>Lead department</translation>
    </message>
    <message>
      <source>协办</source>
      <translation>Co-handler</translation>
    </message>
    <message>
      <source>待签收</source>
      <translation>To sign for</translation>
    </message>
    <message>
      <source>已签收</source>
      <translation>Signed for</translation>
    </message>
    <message>
      <source>办理中</source>
      <translation>Handling</translation>
    </message>
    <message>
      <source>延期申请中</source>
      <translation>Extension pending</translation>
    </message>
    <message>
      <source>管辖异议中</source>
      <translation>Objection pending</translation>
    </message>
    <message>
      <source>已反馈</source>
      <translation>Result reported</translation>
    </message>
    <message>
      <source>已完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>成功</source>
      <translation>Success</translation>
    </message>
    <message>
      <source>拒绝</source>
      <translation>Denied</translation>
    </message>
    <message>
      <source>失败</source>
      <translation>Failed</translation>
    </message>
    <message>
      <source>电话回访</source>
      <translation>By phone</translation>
    </message>
    <message>
      <source>上门回访</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>无需处理</source>
      <translation>No action</translation>
    </message>
    <message>
      <source>重办</source>
      <translation>Reopened</translation>
    </message>
    <message>
      <source>督办</source>
      <translation>Supervise</translation>
    </message>
    <message>
      <source>待回访</source>
      <translation>Callback due</translation>
    </message>
    <message>
      <source>已回访</source>
      <translation>Called back</translation>
    </message>
    <message>
      <source>未联系上</source>
      <translation>Unreachable</translation>
    </message>
    <message>
      <source>无法联系</source>
      <translation>Could not be reached</translation>
    </message>
    <message>
      <source>待受理</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>已立案</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>就地办结</source>
      <translation>Resolved on the spot</translation>
    </message>
    <message>
      <source>已上报</source>
      <translation>Escalated</translation>
    </message>
    <message>
      <source>已派遣</source>
      <translation>Dispatched</translation>
    </message>
    <message>
      <source>延期申请</source>
      <translation>Extension requested</translation>
    </message>
    <message>
      <source>管辖异议</source>
      <translation>Jurisdiction objection</translation>
    </message>
    <message>
      <source>待核查</source>
      <translation>Under review</translation>
    </message>
    <message>
      <source>退回</source>
      <translation>Sent back</translation>
    </message>
    <message>
      <source>暂缓</source>
      <translation>On hold</translation>
    </message>
    <message>
      <source>已办结</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>已合并</source>
      <translation>Merged</translation>
    </message>
    <message>
      <source>网格员上报</source>
      <translation>Grid staff report</translation>
    </message>
    <message>
      <source>12345热线</source>
      <translation>12345 hotline</translation>
    </message>
    <message>
      <source>受理平台</source>
      <translation>Acceptance platform</translation>
    </message>
    <message>
      <source>来访</source>
      <translation>Walk-in</translation>
    </message>
    <message>
      <source>来电</source>
      <translation>Phone call</translation>
    </message>
    <message>
      <source>法定节假日</source>
      <translation>Statutory holiday</translation>
    </message>
    <message>
      <source>调休上班</source>
      <translation>Make-up workday</translation>
    </message>
    <message>
      <source>待决定</source>
      <translation>Pending decision</translation>
    </message>
    <message>
      <source>同意</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>不同意</source>
      <translation>Rejected</translation>
    </message>
    <message>
      <source>市级</source>
      <translation>City level</translation>
    </message>
    <message>
      <source>县(区)级</source>
      <translation>County level</translation>
    </message>
    <message>
      <source>乡镇(街道)级</source>
      <translation>Township level</translation>
    </message>
    <message>
      <source>特别重大(I级)</source>
      <translation>Extraordinary (I)</translation>
    </message>
    <message>
      <source>重大(II级)</source>
      <translation>Major (II)</translation>
    </message>
    <message>
      <source>较大(III级)</source>
      <translation>Large (III)</translation>
    </message>
    <message>
      <source>一般(IV级)</source>
      <translation>General (IV)</translation>
    </message>
    <message>
      <source>处置中</source>
      <translation>Being handled</translation>
    </message>
    <message>
      <source>已处置</source>
      <translation>Handled</translation>
    </message>
    <message>
      <source>已终报</source>
      <translation>Final report filed</translation>
    </message>
    <message>
      <source>电话首报</source>
      <translation>First report by phone</translation>
    </message>
    <message>
      <source>书面首报</source>
      <translation>Written first report</translation>
    </message>
    <message>
      <source>续报</source>
      <translation>Follow-up report</translation>
    </message>
    <message>
      <source>终报</source>
      <translation>Final report</translation>
    </message>
    <message>
      <source>重大矛盾纠纷</source>
      <translation>Major dispute</translation>
    </message>
    <message>
      <source>群体性事件</source>
      <translation>Mass incident</translation>
    </message>
    <message>
      <source>突发事件</source>
      <translation>Emergency</translation>
    </message>
    <message>
      <source>其他重大紧急情况</source>
      <translation>Other major urgent situation</translation>
    </message>
    <message>
      <source>商务楼宇</source>
      <translation>Office building</translation>
    </message>
    <message>
      <source>园区</source>
      <translation>Park</translation>
    </message>
    <message>
      <source>商圈</source>
      <translation>Business district</translation>
    </message>
    <message>
      <source>市场</source>
      <translation>Market</translation>
    </message>
    <message>
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>医院</source>
      <translation>Hospital</translation>
    </message>
    <message>
      <source>景区</source>
      <translation>Scenic area</translation>
    </message>
    <message>
      <source>企事业单位</source>
      <translation>Enterprise or institution</translation>
    </message>
    <message>
      <source>建议治理</source>
      <translation>Governance proposed</translation>
    </message>
    <message>
      <source>治理中</source>
      <translation>Under governance</translation>
    </message>
    <message>
      <source>已销号</source>
      <translation>Closed off</translation>
    </message>
    <message>
      <source>不予立项</source>
      <translation>Not taken up</translation>
    </message>
    <message>
      <source>基础网格</source>
      <translation>Regular grid</translation>
    </message>
    <message>
      <source>专属网格</source>
      <translation>Exclusive grid</translation>
    </message>
    <message>
      <source>涉海专属网格</source>
      <translation>Sea-related grid</translation>
    </message>
    <message>
      <source>拟设</source>
      <translation>Proposed</translation>
    </message>
    <message>
      <source>在用</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>已撤销</source>
      <translation>Retired</translation>
    </message>
    <message>
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <source>乡镇(街道)</source>
      <translation>Township</translation>
    </message>
    <message>
      <source>县(区)</source>
      <translation>County/district</translation>
    </message>
    <message>
      <source>市</source>
      <translation>City</translation>
    </message>
    <message>
      <source>网格挂点领导</source>
      <translation>Contact leader</translation>
    </message>
    <message>
      <source>网格指导员</source>
      <translation>Grid instructor</translation>
    </message>
    <message>
      <source>网格总负责人</source>
      <translation>Grid chief</translation>
    </message>
    <message>
      <source>宣传政策法规</source>
      <translation>Policy and law publicity</translation>
    </message>
    <message>
      <source>基础信息采集</source>
      <translation>Base data collection</translation>
    </message>
    <message>
      <source>社情民意</source>
      <translation>Public opinion</translation>
    </message>
    <message>
      <source>公共安全风险排查</source>
      <translation>Public safety risk screening</translation>
    </message>
    <message>
      <source>矛盾纠纷排查调处</source>
      <translation>Dispute screening and mediation</translation>
    </message>
    <message>
      <source>社会心理服务</source>
      <translation>Social and psychological services</translation>
    </message>
    <message>
      <source>公共卫生突发事件</source>
      <translation>Public health emergencies</translation>
    </message>
    <message>
      <source>重点人群服务管理</source>
      <translation>Key population services</translation>
    </message>
    <message>
      <source>民生公共服务</source>
      <translation>Livelihood services</translation>
    </message>
    <message>
      <source>文明创建与人居环境</source>
      <translation>Civilisation and living environment</translation>
    </message>
    <message>
      <source>法律法规规定的其他事项</source>
      <translation>Other statutory matters</translation>
    </message>
    <message>
      <source>一般</source>
      <translation>General</translation>
    </message>
    <message>
      <source>复杂</source>
      <translation>Complex</translation>
    </message>
    <message>
      <source>紧急</source>
      <translation>Urgent</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>已公布</source>
      <translation>Published</translation>
    </message>
    <message>
      <source>已废止</source>
      <translation>Superseded</translation>
    </message>
    <message>
      <source>月</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <source>年</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>在岗</source>
      <translation>On duty</translation>
    </message>
    <message>
      <source>请假</source>
      <translation>On leave</translation>
    </message>
    <message>
      <source>离岗</source>
      <translation>Left</translation>
    </message>
    <message>
      <source>村(社区)</source>
      <translation>Village/community</translation>
    </message>
    <message>
      <source>法官</source>
      <translation>Judge</translation>
    </message>
    <message>
      <source>检察官</source>
      <translation>Prosecutor</translation>
    </message>
    <message>
      <source>人民警察</source>
      <translation>Police officer</translation>
    </message>
    <message>
      <source>律师</source>
      <translation>Lawyer</translation>
    </message>
    <message>
      <source>其他专业人员</source>
      <translation>Other professional</translation>
    </message>
    <message>
      <source>整改中</source>
      <translation>Rectifying</translation>
    </message>
    <message>
      <source>待确认</source>
      <translation>Awaiting confirmation</translation>
    </message>
    <message>
      <source>已整改</source>
      <translation>Rectified</translation>
    </message>
    <message>
      <source>待审核</source>
      <translation>Pending review</translation>
    </message>
    <message>
      <source>已同意</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>值班员</source>
      <translation>Operator</translation>
    </message>
    <message>
      <source>值班长</source>
      <translation>Shift supervisor</translation>
    </message>
    <message>
      <source>乡镇(街道)管理员</source>
      <translation>Township admin</translation>
    </message>
    <message>
      <source>县(区)管理员</source>
      <translation>County admin</translation>
    </message>
    <message>
      <source>市级管理员</source>
      <translation>City admin</translation>
    </message>
    <message>
      <source>联动部门联络员</source>
      <translation>Department liaison</translation>
    </message>
    <message>
      <source>审计员</source>
      <translation>Auditor</translation>
    </message>
    <message>
      <source>满意</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>基本满意</source>
      <translation>Basically satisfied</translation>
    </message>
    <message>
      <source>不满意</source>
      <translation>Unsatisfied</translation>
    </message>
    <message>
      <source>港口</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>船只编组</source>
      <translation>Vessel group</translation>
    </message>
    <message>
      <source>水产养殖海域</source>
      <translation>Aquaculture waters</translation>
    </message>
    <message>
      <source>海上及滩涂作业区</source>
      <translation>Offshore and tidal-flat work area</translation>
    </message>
    <message>
      <source>网格公示牌</source>
      <translation>Grid notice sheet</translation>
    </message>
    <message>
      <source>事项清单</source>
      <translation>Matter list</translation>
    </message>
    <message>
      <source>信息快报</source>
      <translation>Bulletin</translation>
    </message>
    <message>
      <source>考核表</source>
      <translation>Assessment form</translation>
    </message>
    <message>
      <source>条例对照表</source>
      <translation>Regulation checklist</translation>
    </message>
    <message>
      <source>网格长</source>
      <translation>Grid head</translation>
    </message>
    <message>
      <source>网格员</source>
      <translation>Grid member</translation>
    </message>
    <message>
      <source>专属网格工作人员</source>
      <translation>Exclusive-grid staff</translation>
    </message>
    <message>
      <source>村(社区)党组织成员</source>
      <translation>Village party organisation member</translation>
    </message>
    <message>
      <source>村(居)委会成员</source>
      <translation>Village (residents') committee member</translation>
    </message>
    <message>
      <source>招聘工作人员</source>
      <translation>Hired staff</translation>
    </message>
    <message>
      <source>村(居)民小组长</source>
      <translation>Villager (resident) group leader</translation>
    </message>
    <message>
      <source>业主委员会成员</source>
      <translation>Owners' committee member</translation>
    </message>
    <message>
      <source>物业管理人员</source>
      <translation>Property management staff</translation>
    </message>
    <message>
      <source>退休党员干部</source>
      <translation>Retired party cadre</translation>
    </message>
    <message>
      <source>志愿者</source>
      <translation>Volunteer</translation>
    </message>
    <message>
      <source>专属网格管理单位选任</source>
      <translation>Chosen by the managing unit</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>无</source>
      <translation>None</translation>
    </message>
    <message>
      <source>一般督办</source>
      <translation>General supervision</translation>
    </message>
    <message>
      <source>重点督办</source>
      <translation>Key supervision</translation>
    </message>
    <message>
      <source>工作日</source>
      <translation>working days</translation>
    </message>
    <message>
      <source>小时</source>
      <translation>hours</translation>
    </message>
    <message>
      <source>宣传法律法规</source>
      <translation>Law publicity</translation>
    </message>
    <message>
      <source>采集基础信息</source>
      <translation>Base data collection</translation>
    </message>
    <message>
      <source>走访服务群众</source>
      <translation>Visits to residents</translation>
    </message>
    <message>
      <source>排查风险隐患</source>
      <translation>Risk screening</translation>
    </message>
    <message>
      <source>化解矛盾纠纷</source>
      <translation>Dispute mediation</translation>
    </message>
    <message>
      <source>信息上报</source>
      <translation>Information report</translation>
    </message>
    <message>
      <source>国务院已公布,程序已内置</source>
      <translation>Published by the State Council; built in</translation>
    </message>
    <message>
      <source>已在本系统录入</source>
      <translation>Entered in this system</translation>
    </message>
    <message>
      <source>程序未内置该年的国务院安排,也未录入:期限暂按周一至周五计算</source>
      <translation>The State Council's schedule for the year is not built in and has not been entered: deadlines counted Monday to Friday for now</translation>
    </message>
    <message>
      <source>联动部门</source>
      <translation>Linked department</translation>
    </message>
    <message>
      <source>网格工作人员</source>
      <translation>Grid staff member</translation>
    </message>
    <message>
      <source>日</source>
      <translation>Day</translation>
    </message>
    <message>
      <source>周</source>
      <translation>Week</translation>
    </message>
    <message>
      <source>久拖未决(超过30天)</source>
      <translation>Long unresolved (over 30 days)</translation>
    </message>
    <message>
      <source>延期办理</source>
      <translation>Extended</translation>
    </message>
    <message>
      <source>多部门办理</source>
      <translation>Several departments</translation>
    </message>
    <message>
      <source>回访不满意</source>
      <translation>Unsatisfied at callback</translation>
    </message>
    <message>
      <source>整改中(已退回)</source>
      <translation>Rectifying (returned)</translation>
    </message>
    <message>
      <source>逾期未整改</source>
      <translation>Not rectified in time</translation>
    </message>
    <message>
      <source>待确认(逾期报送)</source>
      <translation>Awaiting confirmation (reported late)</translation>
    </message>
    <message>
      <source>查看</source>
      <translation>View</translation>
    </message>
    <message>
      <source>查看辖区全部案件</source>
      <translation>view every case of the area</translation>
    </message>
    <message>
      <source>查看敏感个人信息</source>
      <translation>View sensitive personal data</translation>
    </message>
    <message>
      <source>受理诉求</source>
      <translation>Receive requests</translation>
    </message>
    <message>
      <source>派遣</source>
      <translation>Dispatch</translation>
    </message>
    <message>
      <source>承办</source>
      <translation>Handle</translation>
    </message>
    <message>
      <source>核查审批</source>
      <translation>Review and approve</translation>
    </message>
    <message>
      <source>回访</source>
      <translation>Callback</translation>
    </message>
    <message>
      <source>报告紧急情况</source>
      <translation>Report emergencies</translation>
    </message>
    <message>
      <source>确认紧急告警</source>
      <translation>Acknowledge emergency alarms</translation>
    </message>
    <message>
      <source>更正紧急情况报送记录</source>
      <translation>Correct emergency reporting records</translation>
    </message>
    <message>
      <source>维护区划与网格</source>
      <translation>Maintain places and grids</translation>
    </message>
    <message>
      <source>提出网格划分调整</source>
      <translation>Propose grid adjustments</translation>
    </message>
    <message>
      <source>审核网格划分调整</source>
      <translation>Review grid adjustments</translation>
    </message>
    <message>
      <source>网格备案</source>
      <translation>File grid adjustments</translation>
    </message>
    <message>
      <source>维护网格人员</source>
      <translation>Maintain grid staff</translation>
    </message>
    <message>
      <source>维护事项清单</source>
      <translation>Maintain the matter list</translation>
    </message>
    <message>
      <source>申请事项纳入或退出</source>
      <translation>Apply to add or retire matters</translation>
    </message>
    <message>
      <source>综合评价</source>
      <translation>Evaluation</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>数据导入导出</source>
      <translation>Import and export data</translation>
    </message>
    <message>
      <source>管理用户</source>
      <translation>Manage users</translation>
    </message>
    <message>
      <source>查看用户账号与角色</source>
      <translation>View accounts and roles</translation>
    </message>
    <message>
      <source>维护节假日</source>
      <translation>Maintain holidays</translation>
    </message>
    <message>
      <source>设定紧急情况报告时限</source>
      <translation>Set Art. 21 reporting deadlines</translation>
    </message>
    <message>
      <source>查看审计日志</source>
      <translation>View the audit log</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>{one};{another}</source>
      <translation>{one}; {another}</translation>
    </message>
    <message>
      <source>{one}、{another}</source>
      <translation>{one}, {another}</translation>
    </message>
    <message>
      <source>{message}({article})</source>
      <translation>{message} ({article})</translation>
    </message>
    <message>
      <source>用户“{user}”没有在 {place}({code}) {wanted}的权限;请由具有该地区相应角色的用户办理</source>
      <translation>User “{user}” lacks the right for this in {place} ({code}): {wanted}; please have a user holding the matching role for that area do it</translation>
    </message>
    <message>
      <source>用户“{user}”没有{wanted}的权限;请由具有该地区相应角色的用户办理</source>
      <translation>User “{user}” lacks the right for this: {wanted}; please have a user holding the matching role do it</translation>
    </message>
    <message>
      <source>{action}(需有{permission}权限)</source>
      <translation>{action} (needs the permission {permission})</translation>
    </message>
    <message>
      <source>您的账号已被停用,不能再办理;请联系管理员</source>
      <translation>Your account has been disabled and can no longer act; please contact the administrator</translation>
    </message>
    <message>
      <source>您的角色已被管理员调整,请重新登录后再办理</source>
      <translation>An administrator has changed your roles; please log in again to continue</translation>
    </message>
    <message>
      <source>记录已被其他用户修改,请重新载入后再操作</source>
      <translation>Another user has changed the record; please reload it and try again</translation>
    </message>
    <message>
      <source>数据库文件正被另一个程序写入(如 griddesk-admin 导入、备份或另一个网格指挥台),本次未保存;请稍候片刻再试</source>
      <translation>Another program is writing to the database file (such as a griddesk-admin import, a backup or another GridDesk desk); nothing was saved. Please try again in a moment</translation>
    </message>
    <message>
      <source>另一值班台正在同时办理相关记录,本次未保存;请稍候重新载入后再操作</source>
      <translation>Another duty desk is working on the same records right now; nothing was saved. Please wait, reload and try again</translation>
    </message>
    <message>
      <source>记录重复,违反唯一性约束: {text}</source>
      <translation>Duplicate record, violating a uniqueness constraint: {text}</translation>
    </message>
    <message>
      <source>引用的记录不存在或仍被使用: {text}</source>
      <translation>A referenced record does not exist or is still in use: {text}</translation>
    </message>
    <message>
      <source>数据不符合约束: {text}</source>
      <translation>The data violates a constraint: {text}</translation>
    </message>
    <message>
      <source>{what} 已被 {who} 于 {when} 修改,请重新载入</source>
      <translation>{what} was changed by {who} at {when}; please reload</translation>
    </message>
    <message>
      <source>其他用户</source>
      <translation>another user</translation>
    </message>
    <message>
      <source>指定网格</source>
      <translation>assigning a grid</translation>
    </message>
    <message>
      <source>合并</source>
      <translation>merging</translation>
    </message>
    <message>
      <source>撤销合并</source>
      <translation>undoing the merge</translation>
    </message>
    <message>
      <source>就地办结</source>
      <translation>resolving on the spot</translation>
    </message>
    <message>
      <source>上报</source>
      <translation>reporting up</translation>
    </message>
    <message>
      <source>下派</source>
      <translation>assigning down</translation>
    </message>
    <message>
      <source>派遣</source>
      <translation>dispatching</translation>
    </message>
    <message>
      <source>增加协办单位</source>
      <translation>adding a co-handler</translation>
    </message>
    <message>
      <source>撤回协办单位</source>
      <translation>withdrawing a co-handler</translation>
    </message>
    <message>
      <source>核查</source>
      <translation>verification</translation>
    </message>
    <message>
      <source>暂缓</source>
      <translation>putting on hold</translation>
    </message>
    <message>
      <source>重办</source>
      <translation>reopening</translation>
    </message>
    <message>
      <source>督办</source>
      <translation>supervision</translation>
    </message>
    <message>
      <source>签收</source>
      <translation>signing for it</translation>
    </message>
    <message>
      <source>联系诉求人</source>
      <translation>contacting the requester</translation>
    </message>
    <message>
      <source>报送阶段情况</source>
      <translation>a stage report</translation>
    </message>
    <message>
      <source>申请延期</source>
      <translation>an extension request</translation>
    </message>
    <message>
      <source>提出管辖异议</source>
      <translation>a jurisdiction objection</translation>
    </message>
    <message>
      <source>反馈办理结果</source>
      <translation>reporting the result</translation>
    </message>
    <message>
      <source>审批延期</source>
      <translation>deciding on the extension</translation>
    </message>
    <message>
      <source>处理管辖异议</source>
      <translation>deciding on the objection</translation>
    </message>
    <message>
      <source>案件 {number} 已被 {who} 于 {when} 修改,请重新载入</source>
      <translation>Case {number} was changed by {who} at {when}; please reload</translation>
    </message>
    <message>
      <source>案件 {case} 不存在(可能已被删除),请刷新列表</source>
      <translation>Case {case} does not exist (it may have been deleted); please refresh the list</translation>
    </message>
    <message>
      <source>请填写{what}({field})</source>
      <translation>Please fill in {what} ({field})</translation>
    </message>
    <message>
      <source>用户“{user}”没有在 {place}({code}){permission}的权限:这份清单属于网格化服务管理中心;请由中心的值班员或值班长查看</source>
      <translation>User “{user}” lacks the right in {place} ({code}): {permission}. This list belongs to the grid service management center; please have the center's duty officer or shift supervisor view it</translation>
    </message>
    <message>
      <source>用户“{user}”无权查看 {place}({code})的案件;请由具有该地区查看权限的用户查看</source>
      <translation>User “{user}” may not view the cases of {place} ({code}); please have a user allowed to view that area's cases view them</translation>
    </message>
    <message>
      <source>本部门对案件 {number} 提出的管辖异议已于 {when} 由{by}认定成立{comment},派遣已撤回;该案不再由本部门承办,不能再查看</source>
      <translation>This department's jurisdiction objection to case {number} was upheld by {by} at {when}{comment}, and the dispatch was withdrawn; the case is no longer handled by this department and can no longer be viewed</translation>
    </message>
    <message>
      <source>本部门对案件 {number} 的协办已于 {when} 由{by}撤回(理由:{reason});该案不再由本部门协办,不能再查看</source>
      <translation>This department's co-handling of case {number} was withdrawn by {by} at {when} (reason: {reason}); the case is no longer co-handled by this department and can no longer be viewed</translation>
    </message>
    <message>
      <source>该案未派给{department},</source>
      <translation>the case was not sent to {department}, and </translation>
    </message>
    <message>
      <source>用户“{user}”无权查看案件 {number}:{held_by}联络员只能查看本部门承办或协办的案件;如需了解该案,请联系网格化服务管理中心</source>
      <translation>User “{user}” may not view case {number}: {held_by}a liaison may view only the cases their own department handles or co-handles. To learn about this case, please contact the grid service management center</translation>
    </message>
    <message>
      <source>案件 {number} 当前状态为“{state}”,不能{action};只有“{allowed}”状态的案件可以{action},请重新查看案件当前状态</source>
      <translation>Case {number} is “{state}”: {action} is not possible; only a case in state “{allowed}” allows {action}. Please check the case's current state</translation>
    </message>
    <message>
      <source>案件 {number} 的承办任务尚未签收,不能{action};请先签收</source>
      <translation>The task of case {number} has not been signed for, so {action} is not possible; please sign for it first</translation>
    </message>
    <message>
      <source>案件 {number} 的承办任务当前为“{state}”,不能{action};请重新查看承办状态</source>
      <translation>The task of case {number} is “{state}”: {action} is not possible; please check the task's current state</translation>
    </message>
    <message>
      <source>案件 {number} 的该申请已于此前处理({state}),请刷新</source>
      <translation>This request on case {number} has already been decided ({state}); please refresh</translation>
    </message>
    <message>
      <source>案件 {number} 中{department}的承办任务为“{state}”,该申请无需再处理</source>
      <translation>The task of {department} on case {number} is “{state}”; the request no longer needs a decision</translation>
    </message>
    <message>
      <source>案件 {number} 正在{running}中(期限 {due}),无需再下{level};如需再次督办,请选{running}</source>
      <translation>Case {number} is already under {running} (due {due}), so {level} is not needed; to supervise it again, choose {running}</translation>
    </message>
    <message>
      <source>案件 {number} 今天已回访未联系上诉求人(第 {attempt} 次);未联系上的回访每次须在不同日期,最多 {allowed} 次,今天再次未联系上不另计次数,请改日再回访(Art. 20)</source>
      <translation>A callback on case {number} already failed to reach the requester today (attempt {attempt}); unanswered callbacks must be on different days, at most {allowed}, and another failure today does not count as a further attempt; please call back on another day (Art. 20)</translation>
    </message>
    <message>
      <source>案件 {number} 的这次回访已记录({state}),请刷新</source>
      <translation>This callback on case {number} has already been recorded ({state}); please refresh</translation>
    </message>
    <message>
      <source>未指定事项清单中的事项,不得要求网格工作人员办理或者协助;请派遣给承办部门或上报</source>
      <translation>No item of the matter list is specified, so grid staff may not be asked to handle or assist with it; please dispatch it to a handling department or report it up</translation>
    </message>
    <message>
      <source>事项 {item} 不存在</source>
      <translation>Matter item {item} does not exist</translation>
    </message>
    <message>
      <source>事项“{title}”({code})不在现行网格化服务管理事项清单内,不得要求网格工作人员办理或者协助;请派遣给承办部门或上报</source>
      <translation>Matter item “{title}” ({code}) is not on the grid service and management matter list in force, so grid staff may not be asked to handle or assist with it; please dispatch it to a handling department or report it up</translation>
    </message>
    <message>
      <source>事项“{title}”({code})在现行清单内,但未列为网格工作人员办理或者协助的事项,不得交网格工作人员办理;请派遣给承办部门</source>
      <translation>Matter item “{title}” ({code}) is on the list in force but is not listed for grid staff to handle or assist with, so it may not be given to grid staff; please dispatch it to a handling department</translation>
    </message>
    <message>
      <source>事项 {code} {title}</source>
      <translation>Matter {code} {title}</translation>
    </message>
    <message>
      <source>报送整改情况</source>
      <translation>Report the rectification</translation>
    </message>
    <message>
      <source>联动部门 {name}</source>
      <translation>Department {name}</translation>
    </message>
    <message>
      <source>设定密码最长使用天数</source>
      <translation>Set the maximum password age</translation>
    </message>
    <message>
      <source>用户名或密码错误,或账号已停用</source>
      <translation>Wrong user name or password, or the account is disabled</translation>
    </message>
    <message>
      <source>原密码不正确;请重新输入</source>
      <translation>The current password is wrong; please type it again</translation>
    </message>
    <message>
      <source>账号 {username} 已停用;如仍需使用,请联系管理员重新启用</source>
      <translation>Account {username} is disabled; to use it again, ask an administrator to enable it</translation>
    </message>
    <message>
      <source>账号 {username} 连续 {failures} 次密码错误,已暂停登录和修改密码至 {until};请届时再试,或请管理员重置密码后登录</source>
      <translation>Account {username} had {failures} wrong passwords in a row: log-ins and password changes are paused until {until}; try again then, or log in after an administrator resets the password</translation>
    </message>
    <message>
      <source>这个数据库还没有可登录的用户账号;请管理员先添加,例如:griddesk-admin users add qg_admin --role township_admin --scope 450503103(密码按提示输入)</source>
      <translation>This database has no user account to log in with yet; an administrator must add one first, e.g. griddesk-admin users add qg_admin --role township_admin --scope 450503103 (type the password when asked)</translation>
    </message>
    <message>
      <source>密码{problems}</source>
      <translation>Password: {problems}</translation>
    </message>
    <message>
      <source>至少 {length} 位</source>
      <translation>at least {length} characters</translation>
    </message>
    <message>
      <source>不能全是空格或同一个字符</source>
      <translation>not all spaces or one character repeated</translation>
    </message>
    <message>
      <source>须含字母、数字、符号中的至少两类</source>
      <translation>at least two of letters, digits and symbols</translation>
    </message>
    <message>
      <source>不能包含用户名 {username}</source>
      <translation>must not contain the user name {username}</translation>
    </message>
    <message>
      <source>考核期 {code!r} 无效:应写作 2026-10(月)、2026-Q4(季度)或 2026(年度)</source>
      <translation>Evaluation period {code!r} is not valid: write 2026-10 (month), 2026-Q4 (quarter) or 2026 (year)</translation>
    </message>
    <message>
      <source>考核期 {code!r} 的月份应为 1–12</source>
      <translation>The month of evaluation period {code!r} must be 1–12</translation>
    </message>
    <message>
      <source>(经度和纬度可能写反了:先经度后纬度)</source>
      <translation> (longitude and latitude may be swapped: longitude comes first)</translation>
    </message>
    <message>
      <source>({lon}, {lat}) 远在北海市及北部湾海域以外(东经 {west}~{east}、北纬 {south}~{north}){swapped};请核对是否为 WGS84 经纬度,不知道位置请留空</source>
      <translation>({lon}, {lat}) is far outside Beihai and the Beibu Gulf (longitude {west}–{east} E, latitude {south}–{north} N){swapped}; check that these are WGS84 coordinates, or leave them empty if the location is unknown</translation>
    </message>
    <message>
      <source>({lon}, {lat}) 超出范围(经度 -180~180,纬度 -90~90){swapped}</source>
      <translation>({lon}, {lat}) is out of range (longitude -180 to 180, latitude -90 to 90){swapped}</translation>
    </message>
    <message>
      <source>经纬度{problem}</source>
      <translation>Coordinates {problem}</translation>
    </message>
    <message>
      <source>有 {digits} 位,电话号码最多 20 位</source>
      <translation>has {digits} digits; a phone number has at most 20</translation>
    </message>
    <message>
      <source>“{typed}”不是有效的电话号码(只能有数字和连字符,国际号码以 + 开头)</source>
      <translation>“{typed}” is not a valid phone number (digits and hyphens only; an international number starts with +)</translation>
    </message>
    <message>
      <source>受理渠道(channel):请选择诉求从哪个渠道来</source>
      <translation>Channel: choose the channel the request came through</translation>
    </message>
    <message>
      <source>标题(title):必填</source>
      <translation>Title: required</translation>
    </message>
    <message>
      <source>标题(title):不能超过 120 字</source>
      <translation>Title: at most 120 characters</translation>
    </message>
    <message>
      <source>诉求内容(description):必填</source>
      <translation>Request: required</translation>
    </message>
    <message>
      <source>类别(category):请选择诉求类别或事项清单中的事项</source>
      <translation>Category: choose the request's category or a matter of the matter list</translation>
    </message>
    <message>
      <source>诉求人姓名(requester_name):不能超过 40 字</source>
      <translation>Requester's name: at most 40 characters</translation>
    </message>
    <message>
      <source>联系电话(requester_phone):{problem}</source>
      <translation>Phone: {problem}</translation>
    </message>
    <message>
      <source>经纬度(lon/lat):经度和纬度须同时填写或同时不填</source>
      <translation>Coordinates: fill in both longitude and latitude, or neither</translation>
    </message>
    <message>
      <source>经纬度(lon/lat):{problem}</source>
      <translation>Coordinates: {problem}</translation>
    </message>
    <message>
      <source>地址(address):不能超过 200 字</source>
      <translation>Address: at most 200 characters</translation>
    </message>
    <message>
      <source>诉求信息不完整或有误,请修改后再保存</source>
      <translation>The request is incomplete or wrong; please correct it and save again</translation>
    </message>
    <message>
      <source>事项(matter_item_id):事项 {item} 不存在,请从事项清单中选择</source>
      <translation>Matter: matter {item} does not exist; please choose one from the matter list</translation>
    </message>
    <message>
      <source>类别(category):事项“{title}”属于“{category}”,与所选类别“{chosen}”不符</source>
      <translation>Category: matter “{title}” belongs to “{category}”, not to the category chosen, “{chosen}”</translation>
    </message>
    <message>
      <source>乡镇(township_code):诉求未定位到网格,请指定受理的乡镇(街道)</source>
      <translation>Township: the request is not located in a grid; please name the township (subdistrict) taking it in</translation>
    </message>
    <message>
      <source>事项(matter_item_id):事项“{title}”({code})不在现行网格化服务管理事项清单内(已退出或尚未发布),请从现行清单中选择事项,或只选类别</source>
      <translation>Matter: “{title}” ({code}) is not on the matter list in force (withdrawn or not yet published); choose a matter from the list in force, or only a category</translation>
    </message>
    <message>
      <source>案件 {case} 不存在(可能已被删除),请重新查找疑似重复案件</source>
      <translation>Case {case} does not exist (it may have been deleted); please look for possible duplicates again</translation>
    </message>
    <message>
      <source>涉及人数</source>
      <translation>People involved</translation>
    </message>
    <message>
      <source>死亡</source>
      <translation>Deaths</translation>
    </message>
    <message>
      <source>受伤</source>
      <translation>Injured</translation>
    </message>
    <message>
      <source>失踪</source>
      <translation>Missing</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>发生时间</source>
      <translation>Time of occurrence</translation>
    </message>
    <message>
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>经度</source>
      <translation>Longitude</translation>
    </message>
    <message>
      <source>纬度</source>
      <translation>Latitude</translation>
    </message>
    <message>
      <source>事件概要</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>已采取的措施</source>
      <translation>Measures taken</translation>
    </message>
    <message>
      <source>预计发生时间</source>
      <translation>Expected time</translation>
    </message>
    <message>
      <source>伤亡尚在核实</source>
      <translation>Casualties being verified</translation>
    </message>
    <message>
      <source>获知时间</source>
      <translation>Time learned of</translation>
    </message>
    <message>
      <source>报告时限自获知时间起算,报告后不能更正</source>
      <translation>the reporting deadlines run from the time it was learned of, so it cannot be corrected once reported</translation>
    </message>
    <message>
      <source>所属乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <source>报告编号和办理范围属于事发乡镇(街道),报告后不能更改;确属其他乡镇的,请由该乡镇另行报告</source>
      <translation>the report's number and handling belong to the township (subdistrict) where it happened and cannot be changed once reported; if it belongs to another township, that township should file its own report</translation>
    </message>
    <message>
      <source>{label}({name}):必须填写</source>
      <translation>{label} ({name}): required</translation>
    </message>
    <message>
      <source>{label}({name}):不能超过 {limit} 个字</source>
      <translation>{label} ({name}): at most {limit} characters</translation>
    </message>
    <message>
      <source>{label}({name}):必须填写带时区的时间</source>
      <translation>{label} ({name}): enter a time with its time zone</translation>
    </message>
    <message>
      <source>{label}({name}):不能晚于当前时间</source>
      <translation>{label} ({name}): cannot be later than now</translation>
    </message>
    <message>
      <source>获知时间(learned_at):不能早于发生时间</source>
      <translation>Time learned of (learned_at): cannot be earlier than the time of occurrence</translation>
    </message>
    <message>
      <source>经纬度(lon/lat):须同时填写或同时留空</source>
      <translation>Longitude/latitude (lon/lat): fill in both or leave both empty</translation>
    </message>
    <message>
      <source>{label}({name}):不能为负数</source>
      <translation>{label} ({name}): cannot be negative</translation>
    </message>
    <message>
      <source>预计发生时间(expected_at):只有“可能发生”的预警报告才填写;已发生的请填写发生时间</source>
      <translation>Expected time (expected_at): only for a warning of something that may happen; if it has happened, fill in the time of occurrence</translation>
    </message>
    <message>
      <source>预计发生时间(expected_at):必须填写带时区的时间</source>
      <translation>Expected time (expected_at): enter a time with its time zone</translation>
    </message>
    <message>
      <source>预计发生时间(expected_at):不能早于获知时间;已经发生的,请按已发生的情况报告</source>
      <translation>Expected time (expected_at): cannot be earlier than the time learned of; if it has already happened, report it as having happened</translation>
    </message>
    <message>
      <source>获知时间(learned_at):{date} 早于《条例》施行之日 2025-09-01,请核对年份</source>
      <translation>Time learned of (learned_at): {date} is before the Regulation took effect on 2025-09-01; please check the year</translation>
    </message>
    <message>
      <source>级别(level):请选择紧急情况的级别</source>
      <translation>Level (level): choose the emergency's level</translation>
    </message>
    <message>
      <source>类型(type):请选择紧急情况的类型</source>
      <translation>Type (type): choose the emergency's type</translation>
    </message>
    <message>
      <source>紧急情况报告填写不完整,请按提示改正后再报送</source>
      <translation>The emergency report is incomplete; correct it as indicated and submit it again</translation>
    </message>
    <message>
      <source>{label}({name}):{why}</source>
      <translation>{label} ({name}): {why}</translation>
    </message>
    <message>
      <source>{name}:不是紧急情况报告可更正的事实(可更正:{amendable})</source>
      <translation>{name}: not a fact of an emergency report that can be corrected (correctable: {amendable})</translation>
    </message>
    <message>
      <source>更正原因(reason):必须写明依据哪次续报或核实情况更正</source>
      <translation>Reason (reason): state which follow-up report or verification the correction is based on</translation>
    </message>
    <message>
      <source>{label}({name}):无此{label} {value}</source>
      <translation>{label} ({name}): no such {label} {value}</translation>
    </message>
    <message>
      <source>{label}({name}):应为整数人数,不是 {value}</source>
      <translation>{label} ({name}): should be a whole number of people, not {value}</translation>
    </message>
    <message>
      <source>{label}({name}):应为是或否,不是 {value}</source>
      <translation>{label} ({name}): should be yes or no, not {value}</translation>
    </message>
    <message>
      <source>{label}({name}):应为数字或留空,不是 {value}</source>
      <translation>{label} ({name}): should be a number or left empty, not {value}</translation>
    </message>
    <message>
      <source>{label}({name}):应为带时区的时间,不是 {value}</source>
      <translation>{label} ({name}): should be a time with its time zone, not {value}</translation>
    </message>
    <message>
      <source>{label}({name}):应为文字,不是 {value}</source>
      <translation>{label} ({name}): should be text, not {value}</translation>
    </message>
    <message>
      <source>发生时间(occurred_at):预警报告的情况尚未发生;如已发生,请在续报中报告,并更正预计发生时间</source>
      <translation>Time of occurrence (occurred_at): what a warning report describes has not happened yet; if it has, report it in a follow-up report and correct the expected time</translation>
    </message>
    <message>
      <source>紧急情况报告未更正,请按提示改正后再保存</source>
      <translation>The emergency report was not corrected; correct it as indicated and save again</translation>
    </message>
    <message>
      <source>报告 {number} 已终报结束,事实以终报为准,不能再更正;此后发现的新情况请另行报告</source>
      <translation>Report {number} is closed with its final report, whose facts stand, and can no longer be corrected; please report anything found since separately</translation>
    </message>
    <message>
      <source>紧急情况报告 {report} 不存在</source>
      <translation>Emergency report {report} does not exist</translation>
    </message>
    <message>
      <source>报告步骤 {step} 不存在</source>
      <translation>Report step {step} does not exist</translation>
    </message>
    <message>
      <source>紧急情况报告 {number}</source>
      <translation>Emergency report {number}</translation>
    </message>
    <message>
      <source>报送时间</source>
      <translation>Time reported</translation>
    </message>
    <message>
      <source>处置完毕时间</source>
      <translation>Time handled</translation>
    </message>
    <message>
      <source>处置完毕的时间</source>
      <translation>the time it was handled</translation>
    </message>
    <message>
      <source>此前最后一次报送的时间</source>
      <translation>the time of the last report before it</translation>
    </message>
    <message>
      <source>上一次续报</source>
      <translation>the previous follow-up report</translation>
    </message>
    <message>
      <source>{what}({name})应在获知时间({learned})之后、当前时间之前</source>
      <translation>{what} ({name}) should be after the time the situation was learned of ({learned}) and before now</translation>
    </message>
    <message>
      <source>{what}({name})应不早于{after}({at})</source>
      <translation>{what} ({name}) should be no earlier than {after} ({at})</translation>
    </message>
    <message>
      <source>{what}({name})应不晚于{before}({at})</source>
      <translation>{what} ({name}) should be no later than {before} ({at})</translation>
    </message>
    <message>
      <source>报送内容(content):必须填写报告了什么</source>
      <translation>Content (content): state what was reported</translation>
    </message>
    <message>
      <source>报告 {number} 的{step}(报{level})已由 {by} 于 {at} 报送,无需重复登记;如要登记另一件报告的环节,请核对步骤号(emergencies steps 报告编号)</source>
      <translation>{step} (to {level}) of report {number} was already made by {by} at {at}; there is no need to record it again. To record a step of another report, check the step number (emergencies steps &lt;report number&gt;)</translation>
    </message>
    <message>
      <source>报告 {number} 已终报结束,不能再登记报送</source>
      <translation>Report {number} is closed with its final report; no more reports can be recorded</translation>
    </message>
    <message>
      <source>报告 {number} 的终报向各级一并报送,并在此前各环节都已报送之后:请用“终报”登记</source>
      <translation>The final report of report {number} goes to every level at once, once every earlier step has been made: record it with “Final report”</translation>
    </message>
    <message>
      <source>报告 {number} 报{level}的{steps}尚未登记:续报接续首报,请先登记首报再登记续报</source>
      <translation>Report {number}: {steps} (to {level}) not yet recorded. A follow-up report builds on the first report; please record the first report before the follow-up</translation>
    </message>
    <message>
      <source>报告 {number} 当前为“{state}”,不能再标记为已处置</source>
      <translation>Report {number} is “{state}”; it can no longer be marked as handled</translation>
    </message>
    <message>
      <source>终报内容(content):必须填写</source>
      <translation>Final report content (content): required</translation>
    </message>
    <message>
      <source>报告 {number} 当前为“{state}”:先标记为已处置,再作终报</source>
      <translation>Report {number} is “{state}”: mark it as handled first, then make the final report</translation>
    </message>
    <message>
      <source>{step}(报{level})</source>
      <translation>{step} (to {level})</translation>
    </message>
    <message>
      <source>报告 {number} 尚有 {steps} 未报送,请先补报再作终报</source>
      <translation>Report {number} still has unreported steps: {steps}; please report them first, then make the final report</translation>
    </message>
    <message>
      <source>报告 {number} 的伤亡情况仍在核实:终报须报告核实后的伤亡人数,请先“更正/补充事实”,填入核实的人数并取消“尚在核实”(命令行:emergencies amend --casualties verified),再作终报</source>
      <translation>The casualties of report {number} are still being verified: the final report must state the verified numbers. Please first use “Correct/add facts” to enter the verified numbers and clear “still being verified” (command line: emergencies amend --casualties verified), then make the final report</translation>
    </message>
    <message>
      <source>紧急情况告警须由值班长以本人账号确认,内置管理员不能代为确认;命令行请加 --as 值班长的用户名</source>
      <translation>An emergency alarm must be acknowledged by a shift supervisor under their own account; the built-in administrator cannot acknowledge it for them. On the command line, add --as &lt;the shift supervisor's user name&gt;</translation>
    </message>
    <message>
      <source>用户“{user}”不能确认紧急情况告警:告警由{township}值班室的值班长以本人账号确认,表示值班室已知悉;请{township}的值班长确认</source>
      <translation>User “{user}” cannot acknowledge emergency alarms: an alarm is acknowledged by a shift supervisor of the {township} duty room under their own account, to say the duty room is aware of it; please have a shift supervisor of {township} acknowledge it</translation>
    </message>
    <message>
      <source>报告 {number} 已由 {by} 于 {at} 确认</source>
      <translation>Report {number} was already acknowledged by {by} at {at}</translation>
    </message>
    <message>
      <source>备份整个数据库</source>
      <translation>Back up the whole database</translation>
    </message>
    <message>
      <source>设定办理期限与回访规则</source>
      <translation>Set the handling time limits and callback rules</translation>
    </message>
    <message>
      <source>联系情况</source>
      <translation>the contact notes</translation>
    </message>
    <message>
      <source>阶段性工作情况</source>
      <translation>the stage progress</translation>
    </message>
    <message>
      <source>延期理由</source>
      <translation>the reason for the extension</translation>
    </message>
    <message>
      <source>异议理由</source>
      <translation>the reason for the objection</translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>the handling result</translation>
    </message>
    <message>
      <source>承办任务 {share} 不存在,请刷新</source>
      <translation>Task {share} does not exist; please refresh</translation>
    </message>
    <message>
      <source>用户“{user}”不是 {department} 的联络员,不能办理派给该部门的案件 {number}</source>
      <translation>User “{user}” is not a liaison of {department} and cannot handle case {number} sent to that department</translation>
    </message>
    <message>
      <source>案件 {number} 已申请过延期({state}),每件承办任务只能延期一次</source>
      <translation>An extension has already been requested for case {number} ({state}); each task may be extended only once</translation>
    </message>
    <message>
      <source>案件 {number} 的办理期限已于 {due} 届满,不能再申请延期;请报送阶段性工作情况说明逾期理由,并尽快办结</source>
      <translation>The handling deadline of case {number} expired at {due}, so an extension can no longer be requested; please file a stage report explaining why it is late, and finish it as soon as possible</translation>
    </message>
    <message>
      <source>案件 {number} 的办理期限已于 {due} 届满;逾期反馈办理结果须说明逾期理由</source>
      <translation>The handling deadline of case {number} expired at {due}; a result reported late must say why it is late</translation>
    </message>
    <message>
      <source>延期时长(amount):应为 1 至 {limit}({unit}),不能超过原办理时限</source>
      <translation>Extension (amount): should be 1 to {limit} ({unit}), no longer than the original handling limit</translation>
    </message>
    <message>
      <source>案件 {number} 尚未联系诉求人;请先联系诉求人了解具体诉求,再反馈办理结果</source>
      <translation>The requester of case {number} has not been contacted yet; please contact the requester to learn what they are asking for, then report the result</translation>
    </message>
    <message>
      <source>协办单位 {departments} 尚未向主办单位报送办理结果,请待其报送</source>
      <translation>Co-handling {departments}: no result reported to the lead yet; please wait for the report</translation>
    </message>
    <message>
      <source>协办单位 {department} 的{request}尚待网格化服务管理机构处理,请联系机构</source>
      <translation>Co-handler {department}: its request ({request}) awaits a decision by the grid service management body; please contact the body</translation>
    </message>
    <message>
      <source>{waiting};之后再反馈办理结果</source>
      <translation>{waiting}; then report the handling result</translation>
    </message>
    <message>
      <source>案件 {case} 不存在,请刷新列表</source>
      <translation>Case {case} does not exist; please refresh the list</translation>
    </message>
    <message>
      <source>正在协办本案(派为主办则改任主办,须重新签收;不派为主办则继续协办)</source>
      <translation>Co-handling this case (made the lead, it becomes the lead and signs for it again; otherwise it goes on co-handling)</translation>
    </message>
    <message>
      <source>该单位对本案提出的管辖异议曾被认定成立,宜另派其他单位(Art. 18)</source>
      <translation>Its jurisdiction objection to this case was upheld; better send the case to another unit (Art. 18)</translation>
    </message>
    <message>
      <source>层级相符({level},首接在诉求发生地)</source>
      <translation>Level fits ({level}; first receiver where the request arose)</translation>
    </message>
    <message>
      <source>事项清单指定的承办部门({item})</source>
      <translation>Handling department named by the matter list ({item})</translation>
    </message>
    <message>
      <source>事项清单指定部门({named})在本地的下属机构({item})</source>
      <translation>Local office of the department named by the matter list ({named}) ({item})</translation>
    </message>
    <message>
      <source>属地:服务范围包含本案</source>
      <translation>Territory: its service area covers this case</translation>
    </message>
    <message>
      <source>案件 {number} 刚刚已被其他用户派遣,不能重复派遣,请重新载入</source>
      <translation>Case {number} was just dispatched by another user and cannot be dispatched twice; please reload</translation>
    </message>
    <message>
      <source>协办单位(co_department_ids):主办单位不能同时作为协办单位</source>
      <translation>Co-handlers (co_department_ids): the lead cannot also be a co-handler</translation>
    </message>
    <message>
      <source>协办单位 {department} 的{request}尚待本中心处理;请先处理,再派其为主办单位</source>
      <translation>Co-handler {department}: its request ({request}) awaits this center's decision; decide it first, then make it the lead</translation>
    </message>
    <message>
      <source>承办单位(编号 {ids})不存在,请刷新单位列表后重新选择</source>
      <translation>Department no. {ids}: not found; please refresh the department list and choose again</translation>
    </message>
    <message>
      <source>承办单位 {departments} 已停用,请另选承办单位</source>
      <translation>{departments}: deactivated; please choose another handling department</translation>
    </message>
    <message>
      <source>案件 {number} 已派遣给 {department} 且尚未办结,不能重复派遣</source>
      <translation>Case {number} has already been dispatched to {department} and is not finished there; it cannot be dispatched to it again</translation>
    </message>
    <message>
      <source>增加协办的理由(reason):请写明为何需要该单位协办</source>
      <translation>Reason for adding a co-handler (reason): state why this department's help is needed</translation>
    </message>
    <message>
      <source>撤回协办的理由(reason):请写明为何撤回该单位的协办</source>
      <translation>Reason for the withdrawal (reason): state why this department's co-handling is withdrawn</translation>
    </message>
    <message>
      <source>承办任务 {share} 不存在</source>
      <translation>Task {share} does not exist</translation>
    </message>
    <message>
      <source>{department} 不是本案正在协办的单位,无须撤回</source>
      <translation>{department} is not co-handling this case; there is nothing to withdraw</translation>
    </message>
    <message>
      <source>{department} 已向主办单位报送办理结果,主办单位无须再等待其结果,无须撤回</source>
      <translation>{department} has already reported its result to the lead, which no longer waits for it; there is no need to withdraw it</translation>
    </message>
    <message>
      <source>{department} 的{request}尚待中心决定;请先处理,再决定是否撤回其协办</source>
      <translation>{department}: its request ({request}) awaits the center's decision; decide it first, then whether to withdraw its co-handling</translation>
    </message>
    <message>
      <source>案件 {number} 尚未分派网格,不能交网格工作人员办理;请先指定网格</source>
      <translation>Case {number} has no grid yet and cannot be given to grid staff; please assign a grid first</translation>
    </message>
    <message>
      <source>案件 {number} 已在市级办理,无法再上报</source>
      <translation>Case {number} is already handled at city level and cannot be reported further up</translation>
    </message>
    <message>
      <source>案件 {number} 在{level}办理,只能下派到更低的层级</source>
      <translation>Case {number} is handled at {level}; it can only be assigned down to a lower level</translation>
    </message>
    <message>
      <source>上报理由</source>
      <translation>the reason for escalating</translation>
    </message>
    <message>
      <source>下派说明</source>
      <translation>the note on assigning it down</translation>
    </message>
    <message>
      <source>为值班台的数据库用户授权</source>
      <translation>Grant the duty desks' database user its rights</translation>
    </message>
    <message>
      <source>人员 {name}</source>
      <translation>Person {name}</translation>
    </message>
  </context>
</TS>