/** The Upstash REST stand-in moved to scripts/support, so the bench measures replies with it too. */
export { startFakeUpstash, type FakeUpstash } from '../../scripts/support/fake-upstash';
