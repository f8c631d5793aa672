import { test, expect } from '@playwright/test';

test('the demo and the agent console are served', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video call demo');
  await page.goto('/agent.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agent console');
});
