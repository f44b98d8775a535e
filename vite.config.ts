import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

/** Aliases shared by Vite and Vitest, mirroring tsconfig paths. */
export const aliases = {
  '@shared': src('shared'),
  '@server': src('server'),
  '@web': src('web'),
  '@importers': src('importers'),
  '@documents': src('documents'),
};

// The web app: built into dist/web and served by the Fastify server in production.
export default defineConfig({
  root: src('web'),
  base: '/',
  plugins: [react()],
  resolve: { alias: aliases },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // Libraries every page shares, in chunks of their own: cached across releases of the app's own code.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          antd: ['antd', '@ant-design/icons', 'dayjs'],
        },
      },
    },
  },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
