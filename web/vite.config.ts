import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/** Where `npm run dev -w web` sends API calls: the gateway of `npm start`. */
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';
const apiPaths = ['/graphql', '/graphiql', '/export', '/auth', '/app-config.json', '/health'];

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus and ECharts are large; one chunk each keeps the pages' own code small and cached apart.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, gateway])) },
});
