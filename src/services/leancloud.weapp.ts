// WeChat: Taro resolves packages through their `browser` field, so the default import would pull
// the browser build (no wx storage, fails at run time). Use the core build with WeChat adapters.
import AV from 'leancloud-storage/core';
import * as weappAdapters from '@leancloud/platform-adapters-weapp';
import { appId, appKey, serverUrl } from './serverConfig';

AV.setAdapters(weappAdapters as any);
AV.init({ appId, appKey, serverURL: serverUrl() });

export default AV;
