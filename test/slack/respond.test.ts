/** Ephemeral answers go to the response_url over keep-alive HTTP, with Slack's limits respected. */
import { LocalSlack } from '../../dev/local-slack';
import { responseUrlRespond, ResponseUrlError } from '../../src/slack/respond';

let slack: LocalSlack;
beforeEach(async () => {
  slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: 'UALICE01', name: 'alice' });
  slack.addChannel({ id: 'C0TEST001', name: 'test', members: ['UALICE01'] });
});
afterEach(async () => {
  await slack.stop();
});

test('posts JSON that Slack shows only to the clicker, and fails clearly once the URL is used up', async () => {
  const url = slack.responseUrl({ userId: 'UALICE01', channelId: 'C0TEST001' });
  const respond = responseUrlRespond(url);
  for (let i = 1; i <= 5; i++) await respond({ response_type: 'ephemeral', text: `note ${i}`, replace_original: false });
  expect(slack.ephemeralsFor('UALICE01').map((e) => e.text)).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
  // Slack allows five uses of a response_url.
  await expect(respond('a sixth')).rejects.toBeInstanceOf(ResponseUrlError);
  await expect(responseUrlRespond(`${slack.baseUrl}/response/nope`)('x')).rejects.toMatchObject({ statusCode: 404 });
});
