import { test, expect } from '@playwright/test';

test('the demo page embeds the widget with the script tag, and the agent console is served', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help when you need it');
  await expect(
    page.locator('[data-connect-video-host]').getByRole('button', { name: 'Video call' }),
  ).toBeVisible();
  await page.goto('/agent.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agent console');
});
