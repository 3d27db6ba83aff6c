export default definePageConfig({
  navigationBarTitleText: '创建小黑群',
});
