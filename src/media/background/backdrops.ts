/**
 * The built-in replacement images, drawn rather than shipped (nothing to fetch): soft gradients
 * with a few shapes, so that the picture reads as a place and not as a flat colour.
 */
const PALETTES: Record<string, { sky: [string, string]; ground: string; shapes: string }> = {
  dawn: { sky: ['#f6b48f', '#f9e1b5'], ground: '#c98b6b', shapes: 'rgba(255,255,255,0.35)' },
  sea: { sky: ['#2f6fb3', '#8fc3ea'], ground: '#1d4f86', shapes: 'rgba(255,255,255,0.3)' },
  forest: { sky: ['#5b8f5a', '#b9d8a8'], ground: '#2f5a35', shapes: 'rgba(20,60,30,0.45)' },
};

export function drawBuiltInBackdrop(
  name: string,
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  width: number,
  height: number,
): void {
  const palette = PALETTES[name] ?? PALETTES['sea']!;
  const sky = context.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, palette.sky[0]);
  sky.addColorStop(1, palette.sky[1]);
  context.fillStyle = sky;
  context.fillRect(0, 0, width, height);
  context.fillStyle = palette.shapes;
  for (let i = 0; i < 5; i++) {
    const x = ((i * 0.23 + 0.1) % 1) * width;
    context.beginPath();
    context.ellipse(x, height * 0.3, width * 0.08, height * 0.05, 0, 0, 2 * Math.PI);
    context.fill();
  }
  context.fillStyle = palette.ground;
  context.fillRect(0, height * 0.72, width, height * 0.28);
}
