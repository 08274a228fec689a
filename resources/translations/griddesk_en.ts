<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>AlarmOverlay</name>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="57" />
      <source>⚠ 紧急情况报告 · 须值班长确认(第二十一条)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="58" />
      <source>值班长用户名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="59" />
      <source>密码</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="60" />
      <source>确认已知悉</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="79" />
      <source>类型</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="80" />
      <source>等级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="81" />
      <source>发生时间</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="81" />
      <source>{0}(获知 {1})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="82" />
      <source>地点</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="83" />
      <source>伤亡</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="83" />
      <source>涉及 {0} 人;死亡 {1},受伤 {2},失踪 {3}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="85" />
      <source>已采取措施</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="85" />
      <source>(未填写)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="86" />
      <source>报告人</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="90" />
      <source>另有 {0} 条紧急情况待确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/alarm.py" line="102" />
      <source>正在确认…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LiveBridge</name>
    <message>
      <location filename="../../work/main/desktop/views/live_bridge.py" line="59" />
      <source>实时更新:已连接</source>
      <translation>Live updates: connected</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/live_bridge.py" line="61" />
      <source>实时更新:连接中断,正在重连…</source>
      <translation>Live updates: connection lost, reconnecting…</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/live_bridge.py" line="62" />
      <source>实时更新:连接中…</source>
      <translation>Live updates: connecting…</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="48" />
      <source>登录 — 网格指挥台</source>
      <translation>Log in — GridDesk</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="49" />
      <source>用户名(&amp;U)</source>
      <translation>&amp;User name</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="49" />
      <source>密码(&amp;P)</source>
      <translation>&amp;Password</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="49" />
      <source>数据库</source>
      <translation>Database</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="51" />
      <source>登录</source>
      <translation>Log in</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="61" />
      <source>请输入用户名</source>
      <translation>Enter your user name</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/login_dialog.py" line="65" />
      <source>请输入密码</source>
      <translation>Enter your password</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="150" />
      <source>网格指挥台 — 北海市网格化服务管理</source>
      <translation>GridDesk — Beihai grid-based service management</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="156" />
      <source>数据库:%1</source>
      <translation>Database: %1</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="157" />
      <source>用户:%1</source>
      <translation>User: %1</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="161" />
      <source>关于网格指挥台</source>
      <translation>About GridDesk</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="162" />
      <source>网格指挥台:依据《北海市网格化服务管理条例》的乡镇(街道)网格化服务管理指挥中心桌面端。</source>
      <translation>GridDesk: the desktop of a township grid-management command center under the Beihai Grid-based Service Management Regulations.</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="198" />
      <source>未办结 %1 · 超期 %2 · 今日受理 %3</source>
      <translation>Open %1 · overdue %2 · received today %3</translation>
    </message>
  </context>
  <context>
    <name>MapPanel</name>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="26" />
      <source>适合窗口</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="26" />
      <source>放大</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="27" />
      <source>缩小</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="27" />
      <source>刷新</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="28" />
      <source>导出图片…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="56" />
      <source>  载入中…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="61" />
      <source>  {0}:网格 {1} 个,在办案件 {2} 件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="66" />
      <location filename="../../work/main/desktop/views/map/panel.py" line="68" />
      <source>导出地图图片</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="66" />
      <source>PNG 图片 (*.png)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="68" />
      <source>无法写入 {0}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="110" />
      <source>(已超期)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="205" />
      <source>基础网格</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="206" />
      <source>专属网格</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="207" />
      <source>涉海专属网格</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="208" />
      <source>在办案件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/map/view.py" line="208" />
      <source>超期案件</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PlaceTree</name>
    <message>
      <location filename="../../work/main/desktop/views/place_tree.py" line="159" />
      <source>搜索地名或代码(Ctrl+F)</source>
      <translation>Search name or code (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/place_tree.py" line="183" />
      <source>没有找到“%1”</source>
      <translation>Nothing found for “%1”</translation>
    </message>
  </context>
  <context>
    <name>PlaceTreeModel</name>
    <message>
      <location filename="../../work/main/desktop/views/place_tree.py" line="99" />
      <source>(示例数据)</source>
      <translation> (demo data)</translation>
    </message>
  </context>
  <context>
    <name>QueueModel</name>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="43" />
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="44" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="45" />
      <source>倒计时</source>
      <translation>Time left</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="46" />
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="47" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="48" />
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="49" />
      <source>诉求人</source>
      <translation>Requester</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="50" />
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="51" />
      <source>受理时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="52" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="195" />
      <source>【急】</source>
      <translation>[Urgent] </translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="220" />
      <source>剩 %1</source>
      <translation>%1 left</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="221" />
      <source>超期 %1</source>
      <translation>%1 overdue</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="228" />
      <source>%1天%2小时</source>
      <translation>%1 d %2 h</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="230" />
      <source>%1小时</source>
      <translation>%1 h</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_model.py" line="231" />
      <source>%1分钟</source>
      <translation>%1 min</translation>
    </message>
  </context>
  <context>
    <name>QueuePanel</name>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="78" />
      <source>未办结</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="78" />
      <source>全部状态</source>
      <translation>All states</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="80" />
      <source>全部类别</source>
      <translation>All categories</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="81" />
      <source>只看超期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="82" />
      <source>只看督办</source>
      <translation>Supervised only</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="83" />
      <source>编号或标题</source>
      <translation>Number or title</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/queue_panel.py" line="128" />
      <source>共 %1 件</source>
      <translation>%1 cases</translation>
    </message>
  </context>
  <context>
    <name>RosterModel</name>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="18" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="18" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="19" />
      <source>来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="19" />
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="20" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="20" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
  </context>
  <context>
    <name>RosterPanel</name>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="115" />
      <source>在左侧选择村(社区)或网格,查看网格人员和基础数据</source>
      <translation>Choose a village (community) or grid on the left to see its staff and base data</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="121" />
      <source>户数 %1 · 人口 %2 · 单位 %3 · 网格人员 %4</source>
      <translation>Households %1 · residents %2 · units %3 · grid staff %4</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="125" />
      <source>网格:</source>
      <translation>Grids: </translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/roster_panel.py" line="128" />
      <source>尚未划分网格</source>
      <translation>No grids drawn yet</translation>
    </message>
  </context>
  <context>
    <name>WallWindow</name>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="67" />
      <source>网格指挥台 · 值班大屏</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="146" />
      <source>实时诉求队列(超期优先)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="147" />
      <source>紧急情况报告</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="148" />
      <source>在办诉求分布(红色为超期)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="150" />
      <source>获知时间</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="150" />
      <source>等级</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="150" />
      <source>事件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="150" />
      <source>状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="150" />
      <source>确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="201" />
      <source>网格指挥台 · 值班大屏(载入中…)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="203" />
      <source>网格指挥台 · {0} 值班大屏</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="205" />
      <source>今日受理</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="206" />
      <source>在办诉求</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="207" />
      <source>超期诉求</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="208" />
      <source>响应率</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="208" />
      <source>解决率</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="209" />
      <source>满意率</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="211" />
      <source>{0} · {1}/{2}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="226" />
      <source>已确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../work/main/desktop/views/wall/window.py" line="226" />
      <source>待确认</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>dialogs</name>
    <message>
      <location filename="../../work/main/desktop/views/dialogs.py" line="29" />
      <source>网格指挥台</source>
      <translation>GridDesk</translation>
    </message>
  </context>
  <context>
    <name>menus</name>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="106" />
      <source>查找地点</source>
      <translation>Find place</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="107" />
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="108" />
      <source>区划树</source>
      <translation>Place tree</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="109" />
      <source>案件队列</source>
      <translation>Case queue</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="110" />
      <source>网格人员</source>
      <translation>Grid staff</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="115" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="116" />
      <source>关于网格指挥台</source>
      <translation>About GridDesk</translation>
    </message>
    <message>
      <location filename="../../work/main/desktop/views/main_window.py" line="122" />
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
      <translation>&amp;Print</translation>
    </message>
    <message>
      <source>视图</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>帮助</source>
      <translation>&amp;Help</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <location filename="../../work/main/desktop/views/map/panel.py" line="75" />
      <source>地图</source>
      <translation>Map</translation>
    </message>
  </context>
  <context>
    <name>enums</name>
    <message>
      <source>市</source>
      <translation>City</translation>
    </message>
    <message>
      <source>县(区)</source>
      <translation>County (district)</translation>
    </message>
    <message>
      <source>乡镇(街道)</source>
      <translation>Township (street)</translation>
    </message>
    <message>
      <source>村(社区)</source>
      <translation>Village (community)</translation>
    </message>
    <message>
      <source>网格</source>
      <translation>Grid</translation>
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
      <translation>Sea-related exclusive grid</translation>
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
      <translation>Village re-scaled</translation>
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
      <source>网格挂点领导</source>
      <translation>County contact leader</translation>
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
      <source>工作日</source>
      <translation>working days</translation>
    </message>
    <message>
      <source>小时</source>
      <translation>hours</translation>
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
      <source>纳入</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Retire</translation>
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
      <source>不同意</source>
      <translation>Rejected</translation>
    </message>
    <message>
      <source>整改中</source>
      <translation>Rectifying</translation>
    </message>
    <message>
      <source>已整改</source>
      <translation>Rectified</translation>
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
      <source>已签收</source>
      <translation>Signed for</translation>
    </message>
    <message>
      <source>办理中</source>
      <translation>Handling</translation>
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
      <source>已反馈</source>
      <translation>Result reported</translation>
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
      <source>重办</source>
      <translation>Reopened</translation>
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
      <source>首接(主办)</source>
      <translation>Lead (first receiver)</translation>
    </message>
    <message>
      <source>协办</source>
      <translation>Co-handler</translation>
    </message>
    <message>
      <source>待签收</source>
      <translation>Awaiting sign-off</translation>
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
      <source>已完成</source>
      <translation>Done</translation>
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
      <source>无需处理</source>
      <translation>No action</translation>
    </message>
    <message>
      <source>督办</source>
      <translation>Supervise</translation>
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
      <source>网格公示牌</source>
      <translation>Grid notice sheet</translation>
    </message>
    <message>
      <source>事项清单</source>
      <translation>Matter list</translation>
    </message>
    <message>
      <source>信息快报</source>
      <translation>Information bulletin</translation>
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
      <source>法定节假日</source>
      <translation>Statutory holiday</translation>
    </message>
    <message>
      <source>调休上班</source>
      <translation>Make-up workday</translation>
    </message>
  </context>
</TS>